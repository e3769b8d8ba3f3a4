// plateau-cli: the headless runner. Dispatches to one command per file.
#include "cli/comparecommand.h"
#include "cli/console.h"
#include "cli/exitcode.h"
#include "cli/helptext.h"
#include "cli/k8smanifestscommand.h"
#include "cli/mergecommand.h"
#include "cli/recovercommand.h"
#include "cli/runcommand.h"
#include "cli/simcommand.h"
#include "cli/validatecommand.h"

#include <QCoreApplication>
#include <QStringList>

namespace {
int help(const QString& command) {
    if (command == QLatin1String("run"))
        Console::out(HelpText::run());
    else if (command == QLatin1String("sim"))
        Console::out(HelpText::sim());
    else if (command == QLatin1String("recover"))
        Console::out(HelpText::recover());
    else if (command == QLatin1String("validate"))
        Console::out(HelpText::validate());
    else if (command == QLatin1String("compare"))
        Console::out(HelpText::compare());
    else if (command == QLatin1String("merge"))
        Console::out(MergeCommand::helpText());
    else if (command == QLatin1String("k8s-manifests"))
        Console::out(K8sManifestsCommand::helpText());
    else if (command.isEmpty())
        Console::out(HelpText::general());
    else {
        Console::error(
            QStringLiteral("no command \"%1\" (run, sim, recover, validate, compare, merge, "
                           "k8s-manifests)")
                .arg(command));
        return ExitCode::Usage;
    }
    return ExitCode::Ok;
}
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("plateau"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PLATEAU_VERSION));

    QStringList args = QCoreApplication::arguments().mid(1);
    const QString command = args.isEmpty() ? QString() : args.takeFirst();
    if (command.isEmpty() || command == QLatin1String("-h") || command == QLatin1String("--help"))
        return help(QString());
    if (command == QLatin1String("help"))
        return help(args.value(0));
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        Console::out(QStringLiteral("plateau-cli %1\n").arg(QStringLiteral(PLATEAU_VERSION)));
        return ExitCode::Ok;
    }
    if (command == QLatin1String("run"))
        return runCommandMain(args);
    if (command == QLatin1String("sim"))
        return simCommandMain(args);
    if (command == QLatin1String("recover"))
        return recoverCommandMain(args);
    if (command == QLatin1String("validate"))
        return ValidateCommand::exec(args);
    if (command == QLatin1String("compare"))
        return CompareCommand::exec(args);
    if (command == QLatin1String("merge"))
        return MergeCommand::main(args);
    if (command == QLatin1String("k8s-manifests"))
        return K8sManifestsCommand::main(args);
    Console::error(
        QStringLiteral("unknown command \"%1\" (use run, sim, recover, validate, compare, merge or "
                       "k8s-manifests; plateau-cli --help)")
            .arg(command));
    return ExitCode::Usage;
}

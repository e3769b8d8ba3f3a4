#include "cli/validatecommand.h"

#include "cli/console.h"
#include "cli/exitcode.h"
#include "cli/helptext.h"
#include "common/urlredactor.h"
#include "profile/profileio.h"
#include "profile/profilevalidator.h"

int ValidateCommand::exec(const QStringList& args) {
    if (args.contains(QLatin1String("-h")) || args.contains(QLatin1String("--help"))) {
        Console::out(HelpText::validate());
        return ExitCode::Ok;
    }
    if (args.size() != 1 || args.constFirst().startsWith(QLatin1Char('-'))) {
        Console::error(QStringLiteral(
            "validate needs exactly one profile (plateau-cli validate PROFILE.json)"));
        return ExitCode::Usage;
    }
    const QString path = args.constFirst();
    QString error;
    const auto profile = ProfileIo::load(path, &error);
    if (!profile) {
        Console::error(error);
        return ExitCode::Usage;
    }
    const QList<ValidationIssue> issues = ProfileValidator::validate(*profile);
    for (const ValidationIssue& issue : issues)
        Console::err(QStringLiteral("%1: %2: %3\n").arg(path, issue.field, issue.message));
    if (!issues.isEmpty())
        return ExitCode::Usage;
    const SweepPlan& plan = profile->plan;
    Console::out(QStringLiteral("%1: OK (\"%2\", %3 levels, endpoint %4)\n")
                     .arg(path, profile->name)
                     .arg(plan.levelCount())
                     .arg(UrlRedactor::display(profile->endpoint().url)));
    return ExitCode::Ok;
}

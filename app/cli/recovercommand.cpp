#include "cli/recovercommand.h"

#include "cli/console.h"
#include "cli/exitcode.h"
#include "cli/helptext.h"
#include "cli/numberformat.h"
#include "cli/resultwriter.h"
#include "common/terminalsafe.h"
#include "results/journalreader.h"
#include "results/repeatedrun.h"

#include <QCommandLineParser>

std::optional<RecoverCommand::Invocation> RecoverCommand::parse(const QStringList& args,
                                                                QString* error) {
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption out(QStringList{QStringLiteral("o"), QStringLiteral("out")}, QString(),
                                 QStringLiteral("FILE"));
    const QCommandLineOption csv(QStringLiteral("csv"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption vllm(QStringLiteral("vllm-json"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption vllmDir(QStringLiteral("vllm-dir"), QString(), QStringLiteral("DIR"));
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions({help, out, csv, vllm, vllmDir});
    if (!parser.parse(QStringList{QStringLiteral("plateau-cli recover")} + args)) {
        *error = parser.errorText() + QStringLiteral(" (see plateau-cli recover --help)");
        return std::nullopt;
    }
    Invocation inv;
    if (parser.isSet(help)) {
        inv.help = true;
        return inv;
    }
    const QStringList journals = parser.positionalArguments();
    if (journals.isEmpty() || journals.size() > SweepPlan::kMaxRepeat) {
        *error = QStringLiteral("recover needs one journal file, or the %1 at most of a repeated "
                                "run (plateau-cli recover JOURNAL.jsonl [REPEAT2.jsonl...])")
                     .arg(SweepPlan::kMaxRepeat);
        return std::nullopt;
    }
    inv.journalPath = journals.constFirst();
    inv.repeatJournals = journals.mid(1);
    inv.outputs.outPath = parser.value(out);
    inv.outputs.csvPath = parser.value(csv);
    inv.outputs.vllmJsonPath = parser.value(vllm);
    inv.outputs.vllmDirPath = parser.value(vllmDir);
    return inv;
}

int RecoverCommand::exec(const Invocation& inv) {
    QString error;
    if (!ResultWriter::checkTargets(inv.outputs, &error)) {
        Console::error(error);
        return ExitCode::Usage;
    }
    QList<RunResult> runs;
    for (const QString& path : QStringList{inv.journalPath} + inv.repeatJournals) {
        QString warning;
        const auto run = JournalReader::read(path, &error, &warning);
        if (!run) {
            Console::error(error);
            return ExitCode::Usage;
        }
        if (!warning.isEmpty())
            Console::err(QStringLiteral("note: %1\n").arg(warning.simplified()));
        runs.append(*run);
    }
    if (!RepeatedRun::belongTogether(runs, QStringList{inv.journalPath} + inv.repeatJournals,
                                     &error)) {
        Console::error(TerminalSafe::escape(error));
        return ExitCode::Usage;
    }
    const std::optional<RunResult> result = RepeatedRun::combine(runs);
    int levels = 0;
    for (const LevelSummary& l : result->summary.levels)
        levels += l.requests > 0 || l.complete ? 1 : 0;
    Console::err(QStringLiteral("Recovered %1 requests in %2 levels from %3 (stop reason: %4).\n")
                     .arg(NumberFormat::count(double(result->records.size())))
                     .arg(levels)
                     .arg(inv.journalPath, StopReasons::key(result->stopReason)));
    return ResultWriter::writeAndReport(*result, inv.outputs) ? ExitCode::Ok : ExitCode::Failure;
}

int recoverCommandMain(const QStringList& args) {
    QString error;
    const auto inv = RecoverCommand::parse(args, &error);
    if (!inv) {
        Console::error(error);
        return ExitCode::Usage;
    }
    if (inv->help) {
        Console::out(HelpText::recover());
        return ExitCode::Ok;
    }
    return RecoverCommand::exec(*inv);
}

#include "cli/recovercommand.h"

#include "cli/console.h"
#include "cli/exitcode.h"
#include "cli/helptext.h"
#include "cli/interleavecommand.h"
#include "cli/interleaveflags.h"
#include "cli/numberformat.h"
#include "cli/resultwriter.h"
#include "common/terminalsafe.h"
#include "results/journalreader.h"
#include "results/repeatedrun.h"
#include "sweep/interleaverecovery.h"

#include <QCommandLineParser>

namespace {
// "Recovered 1,234 requests in 3 levels from FILE (stop reason: completed)."
QString recoveredLine(const RunResult& result, const QString& from) {
    int levels = 0;
    for (const LevelSummary& l : result.summary.levels)
        levels += l.requests > 0 || l.complete ? 1 : 0;
    return QStringLiteral("Recovered %1 requests in %2 levels from %3 (stop reason: %4).\n")
        .arg(NumberFormat::count(double(result.records.size())))
        .arg(levels)
        .arg(from, StopReasons::key(result.stopReason));
}
} // namespace

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
    // Two journals each of one level: A's and B's of an interleaved run (a repeated run's
    // first journal plans all its repetitions and levels, and a one-level plain run given
    // beside a repetition is refused below as "a single run", not taken for a side).
    if (runs.size() == 2 && InterleaveRecovery::isLevelJournal(runs.constFirst()) &&
        InterleaveRecovery::isLevelJournal(runs.constLast()))
        return execInterleaved(inv);
    if (!RepeatedRun::belongTogether(runs, QStringList{inv.journalPath} + inv.repeatJournals,
                                     &error)) {
        Console::error(TerminalSafe::escape(error));
        return ExitCode::Usage;
    }
    const std::optional<RunResult> result = RepeatedRun::combine(runs);
    Console::err(recoveredLine(*result, inv.journalPath));
    return ResultWriter::writeAndReport(*result, inv.outputs) ? ExitCode::Ok : ExitCode::Failure;
}

// Both sides of an interleaved run, each from its level journals, written and summarized as
// `run --interleave-with` writes them, then the compare table of A -> B.
int RecoverCommand::execInterleaved(const Invocation& inv) {
    QString error;
    const QString journalB = inv.repeatJournals.constFirst();
    const auto sides = InterleaveRecovery::recover(inv.journalPath, journalB, &error);
    if (!sides) {
        Console::error(TerminalSafe::escape(error));
        return ExitCode::Usage;
    }
    for (const QString& note : sides->notes)
        Console::err(QStringLiteral("note: %1\n").arg(TerminalSafe::escape(note)));
    const RunResult* results[2] = {&sides->a, &sides->b};
    for (int side = 0; side < 2; ++side) {
        const QStringList& journals = sides->journals[side];
        const QString from = journals.size() == 1 ? journals.constFirst()
                                                  : QStringLiteral("%1 and %2 more level journals")
                                                        .arg(journals.value(0))
                                                        .arg(journals.size() - 1);
        Console::err((side == 0 ? QStringLiteral("A: ") : QStringLiteral("B: ")) +
                     recoveredLine(*results[side], TerminalSafe::escape(from)));
    }
    RunOutputs partner;
    partner.outPath = InterleaveFlags::partnerOutPath(inv.outputs);
    const bool toStderr = ResultWriter::usesStandardOutput(inv.outputs);
    bool ok = InterleaveCommand::writeSide(sides->a, inv.outputs, QStringLiteral("A"), toStderr);
    ok = InterleaveCommand::writeSide(sides->b, partner, QStringLiteral("B"), toStderr) && ok;
    const QString table = InterleaveCommand::compareSides(sides->a, sides->b, inv.outputs).text();
    (toStderr ? &Console::err : &Console::out)(table);
    return ok ? ExitCode::Ok : ExitCode::Failure;
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

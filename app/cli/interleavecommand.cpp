#include "cli/interleavecommand.h"

#include "cli/comparereport.h"
#include "cli/console.h"
#include "cli/exitcode.h"
#include "cli/interleaveflags.h"
#include "cli/interruptiblewait.h"
#include "cli/progressprinter.h"
#include "cli/resultwriter.h"
#include "cli/runassertion.h"
#include "cli/runcommand.h"
#include "cli/summarytable.h"
#include "common/secretmasker.h"
#include "sim/simlocalendpoint.h"
#include "sweep/interleaverunner.h"

namespace {
QString sideTag(InterleaveRunner::Side side) {
    return side == InterleaveRunner::A ? QStringLiteral("A ") : QStringLiteral("B ");
}
} // namespace

InterleaveCommand::InterleaveCommand(const RunInvocation& invocation, QObject* parent)
    : QObject(parent)
    , m_inv(invocation) {}

// Both sides to their end, to Ctrl-C or to the grace period after it. False when the run
// could not start (a partner that does not resolve): `*a` says why.
bool InterleaveCommand::runBoth(RunResult* a, RunResult* b, bool* interrupted) {
    const bool quiet = m_inv.outputs.quiet;
    InterleaveRunner runner;
    QString error;
    if (!runner.setProfile(m_inv.profile, &error)) {
        Console::error(SecretMasker::mask(error));
        return false;
    }
    runner.setJournalPaths(m_inv.outputs.journalPath,
                           InterleaveRunner::partnerJournalPath(m_inv.outputs.journalPath));
    runner.setEngineOptions(m_inv.engine);
    runner.setLocalEndpointFactory(SimLocalEndpoint::factory());
    InterruptibleWait wait([&] {
        Console::err(QStringLiteral("Stopping: aborting in-flight requests, writing results\n"));
        runner.stop();
    });
    connect(&runner, &InterleaveRunner::finished, this,
            [&](const RunResult& ra, const RunResult& rb) {
                *a = ra;
                *b = rb;
                wait.finish();
            });
    connect(&runner, &InterleaveRunner::journalFailed, this, [](const QString& text) {
        Console::err(QStringLiteral("warning: %1\n").arg(SecretMasker::mask(text)));
    });
    if (!quiet) {
        connect(&runner, &InterleaveRunner::levelFinished, this,
                [](InterleaveRunner::Side side, const LevelSummary& level) {
                    Console::err(sideTag(side) + ProgressPrinter::formatLevel(level) +
                                 QLatin1Char('\n'));
                });
        connect(&runner, &InterleaveRunner::notice, this, [](const QString& text) {
            Console::err(SecretMasker::mask(text) + QLatin1Char('\n'));
        });
    }
    runner.start();
    const bool finished = wait.exec();
    *interrupted = wait.interrupted();
    if (!finished) {
        *a = runner.result(InterleaveRunner::A);
        *b = runner.result(InterleaveRunner::B);
    }
    return true;
}

bool InterleaveCommand::writeSide(const RunResult& result, const RunOutputs& outputs,
                                  const QString& title, bool toStderr) {
    QStringList written;
    QStringList errors;
    bool ok = ResultWriter::write(result, outputs, &written, &errors);
    if (!result.journal.ok()) {
        ok = false;
        errors.prepend(QStringLiteral("journal incomplete: %1").arg(result.journal.error));
    }
    const auto report = toStderr ? &Console::err : &Console::out;
    // "sim:small-fast" says more than the simulator's loopback port.
    const QString url = result.profile.endpoint().url.toString();
    report(QStringLiteral("%1: %2\n").arg(title, SecretMasker::mask(url)));
    report(SummaryTable::render(result));
    for (const QString& line : std::as_const(written))
        report(QStringLiteral("Wrote %1\n").arg(line));
    for (const QString& line : std::as_const(errors))
        Console::error(SecretMasker::mask(line));
    return ok;
}

// The compare table of A -> B with --fail-if, and --assert on A: Regression or Ok.
CompareReport InterleaveCommand::compareSides(const RunResult& a, const RunResult& b,
                                              const RunOutputs& outputs) {
    CompareReport compare;
    compare.basePath = QStringLiteral("A %1").arg(outputs.outPath).trimmed();
    compare.candidatePath =
        QStringLiteral("B %1").arg(InterleaveFlags::partnerOutPath(outputs)).trimmed();
    compare.rows = RunComparison::compare(a, b);
    compare.unmatched = RunComparison::unmatchedLevels(a, b);
    return compare;
}

int InterleaveCommand::gates(const RunResult& a, const RunResult& b) {
    CompareReport compare = compareSides(a, b, m_inv.outputs);
    for (const GateExpression& gate : std::as_const(m_inv.failIf))
        compare.gates.append(CompareReport::evaluate(gate, compare.rows));
    const auto report =
        ResultWriter::usesStandardOutput(m_inv.outputs) ? &Console::err : &Console::out;
    report(compare.text());
    bool failed = compare.anyGateFailed();
    for (const GateExpression& gate : std::as_const(m_inv.assertions)) {
        const AssertionOutcome outcome = RunAssertion::check(gate, a);
        report(outcome.message + QLatin1Char('\n'));
        failed = failed || outcome.failed;
    }
    return failed ? ExitCode::Regression : ExitCode::Ok;
}

int InterleaveCommand::exec() {
    RunResult a;
    RunResult b;
    bool interrupted = false;
    if (!runBoth(&a, &b, &interrupted))
        return ExitCode::Usage;
    RunOutputs partner;
    partner.outPath = InterleaveFlags::partnerOutPath(m_inv.outputs);
    const bool toStderr = ResultWriter::usesStandardOutput(m_inv.outputs);
    const bool wroteA = writeSide(a, m_inv.outputs, QStringLiteral("A"), toStderr);
    const bool wroteB = writeSide(b, partner, QStringLiteral("B"), toStderr);
    int code = ExitCode::Ok;
    for (const RunResult* side : {&a, &b}) {
        QString message;
        const int sideCode = RunCommand::exitCodeFor(*side, interrupted, &message);
        if (!message.isEmpty())
            Console::error(SecretMasker::mask((side == &a ? u"A: " : u"B: ") + message));
        if (code == ExitCode::Ok)
            code = sideCode;
    }
    if (code != ExitCode::Ok)
        return code;
    const int verdict = gates(a, b);
    return verdict == ExitCode::Ok && !(wroteA && wroteB) ? ExitCode::Failure : verdict;
}

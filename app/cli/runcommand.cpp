#include "cli/runcommand.h"

#include "cli/console.h"
#include "cli/exitcode.h"
#include "cli/helptext.h"
#include "cli/interleavecommand.h"
#include "cli/interruptiblewait.h"
#include "cli/progressprinter.h"
#include "cli/resultwriter.h"
#include "cli/runassertion.h"
#include "common/secretmasker.h"
#include "common/terminalsafe.h"
#include "profile/apikeyresolver.h"
#include "protocol/apiflavor.h"
#include "results/resultjournal.h"
#include "sim/simlocalendpoint.h"
#include "sweep/repeatrunner.h"
#include "transport/connectionmessages.h"

#include <memory>

namespace {
bool isNetworkFailure(const QString& errorClass) {
    return errorClass == QLatin1String("connect") || errorClass == QLatin1String("tls") ||
           errorClass == QLatin1String("timeout");
}

// A 404/405 where the URL names another API's route (llama.cpp serves /v1/chat/completions,
// /v1/messages and /v1/responses): where the requests went, and the --api the URL is for.
QString routeHint(const RunResult& result, int httpStatus) {
    const EndpointConfig& endpoint = result.profile.endpoint();
    const std::unique_ptr<ApiFlavor> flavor = ApiFlavor::create(endpoint.flavor);
    if ((httpStatus != 404 && httpStatus != 405) || !flavor)
        return QString();
    const QUrl sentTo = flavor->buildRequest(endpoint, QString()).url();
    const QString other = ConnectionMessages::flavorOfRoute(sentTo, endpoint.flavor);
    if (other.isEmpty())
        return QString();
    return TerminalSafe::escape(SecretMasker::mask(
        QStringLiteral("; the requests went to %1: for the URL given, try --api %2")
            .arg(sentTo.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery), other)));
}
} // namespace

RunCommand::RunCommand(const RunInvocation& invocation, QObject* parent)
    : QObject(parent)
    , m_inv(invocation) {}

bool RunCommand::checkApiKey(QString* error) const {
    const QString ref = m_inv.profile.endpoint().apiKeyRef;
    if (ref.isEmpty())
        return true;
    if (!ApiKeyResolver::isEnvReference(ref)) {
        *error =
            QStringLiteral("the profile takes its API key from \"%1\", which plateau-cli cannot "
                           "read; use --api-key-env VAR")
                .arg(ref);
        return false;
    }
    QString secret;
    return ApiKeyResolver::resolve(ref, &secret, error);
}

int RunCommand::exitCodeFor(const RunResult& result, bool interrupted, QString* message) {
    message->clear();
    // The runner refused to start or go on (its settings, a journal, the simulator): an
    // interleaved side can end so after the other side measured.
    const bool badSettings = result.stopReason == StopReason::InvalidProfile;
    if (badSettings || result.stopReason == StopReason::Error) {
        const QString why =
            result.stopDetail.isEmpty() ? StopReasons::key(result.stopReason) : result.stopDetail;
        *message = badSettings ? why : QStringLiteral("run failed: ") + why;
        return badSettings ? ExitCode::Usage : ExitCode::Failure;
    }
    int successes = 0;
    int networkFailures = 0;
    int failures = 0;
    QString firstError;
    int firstStatus = 0;
    for (const RequestRecord& r : result.records) {
        if (r.ok()) {
            ++successes;
            continue;
        }
        if (r.error == QLatin1String("cancelled"))
            continue;
        ++failures;
        if (isNetworkFailure(r.error))
            ++networkFailures;
        if (firstError.isEmpty()) {
            firstError = r.error + QStringLiteral(": ") + r.errorMessage;
            firstStatus = r.httpStatus;
        }
    }
    const QString url = result.endpointUrl.isEmpty() ? result.profile.endpoint().url.toString()
                                                     : result.endpointUrl;
    const bool unreachable = result.stopReason == StopReason::Unreachable ||
                             (successes == 0 && failures > 0 && networkFailures == failures);
    if (unreachable) {
        // The runner's detail says it best ("connection refused at HOST:PORT"); --quiet
        // hides notices, so this line must carry the cause on its own.
        QString cause =
            result.stopReason == StopReason::Unreachable ? result.stopDetail : QString();
        if (cause.isEmpty())
            cause = firstError;
        if (cause.isEmpty())
            cause = QStringLiteral("no answer");
        // The calibration probes are requests too (kept in results.calibration).
        const qsizetype probes = result.calibration.probes.size();
        const QString recorded =
            probes > 0 ? QStringLiteral("%1 request(s) and %2 calibration probe(s) recorded")
                             .arg(successes + failures)
                             .arg(probes)
                       : QStringLiteral("%1 request(s) recorded").arg(successes + failures);
        *message = QStringLiteral("endpoint unreachable: %1 (%2); %3, results so far were kept")
                       .arg(url, cause, recorded);
        return ExitCode::Unreachable;
    }
    if (interrupted)
        return ExitCode::Interrupted;
    if (successes == 0 && failures > 0) {
        *message = QStringLiteral("no request succeeded against %1 (first error %2)")
                       .arg(url, firstError) +
                   routeHint(result, firstStatus);
        return ExitCode::AllFailed;
    }
    return ExitCode::Ok;
}

int RunCommand::exec() {
    QString error;
    if (!checkApiKey(&error)) {
        Console::error(SecretMasker::mask(error));
        return ExitCode::Usage;
    }
    // A --out that is a device or a directory is refused now, not after a long sweep.
    if (!ResultWriter::checkTargets(m_inv.outputs, &error)) {
        Console::error(error);
        return ExitCode::Usage;
    }
    chooseJournalPath();
    if (!m_inv.profile.plan.interleaveWith.isEmpty()) // A B level by level (issue 13)
        return InterleaveCommand(m_inv).exec();
    bool interrupted = false;
    const RunResult result = runSweep(&interrupted);

    // The runner refused to start (a prompt file it cannot use, a journal or simulator it
    // cannot open): nothing was measured, so no result files, just the reason.
    if (result.stopReason == StopReason::InvalidProfile || result.stopReason == StopReason::Error) {
        QString message;
        const int code = exitCodeFor(result, interrupted, &message);
        Console::error(SecretMasker::mask(message));
        return code;
    }
    return writeAndReport(result, interrupted);
}

void RunCommand::chooseJournalPath() {
    RunOutputs& outputs = m_inv.outputs;
    if (outputs.journalPath.isEmpty())
        outputs.journalPath = CliOptions::defaultJournalPath(outputs);
    // Never over an earlier run's journal that may still need recovering.
    QString journalNote;
    const QString journalPath = ResultJournal::availablePath(outputs.journalPath, &journalNote);
    if (!journalNote.isEmpty())
        Console::err(QStringLiteral("note: %1\n").arg(journalNote));
    if (!journalPath.isEmpty())
        outputs.journalPath = journalPath;
    if (!outputs.quiet)
        Console::err(QStringLiteral("Journal: %1\n").arg(outputs.journalPath));
}

// The sweep to its end, to Ctrl-C, or (a runner that does not finish after a stop) to
// the grace period's end; the progress line and the notices on stderr meanwhile.
RunResult RunCommand::runSweep(bool* interrupted) {
    const bool quiet = m_inv.outputs.quiet;
    RepeatRunner runner; // one run, or plan.repeat of them
    runner.setProfile(m_inv.profile);
    runner.setLocalEndpointFactory(SimLocalEndpoint::factory());
    runner.setEngineOptions(m_inv.engine);
    runner.setJournalPath(m_inv.outputs.journalPath);
    ProgressPrinter printer(&runner, Console::stderrIsTerminal());
    InterruptibleWait wait([&] {
        printer.printLine(QStringLiteral("Stopping: aborting in-flight requests, writing results "
                                         "(press Ctrl-C again to quit at once)"));
        runner.stop();
    });
    RunResult result;
    connect(&runner, &RepeatRunner::finished, this, [&](const RunResult& r) {
        result = r;
        wait.finish();
    });
    // Even with --quiet: the crash-proof copy of the run has stopped, a person must know.
    connect(&runner, &RepeatRunner::journalFailed, &printer, [&printer](const QString& text) {
        printer.printLine(QStringLiteral("warning: ") + SecretMasker::mask(text));
    });
    if (!quiet) {
        connect(&runner, &RepeatRunner::levelFinished, &printer, &ProgressPrinter::onLevelFinished);
        connect(&runner, &RepeatRunner::notice, &printer,
                [&printer](const QString& text) { printer.printLine(SecretMasker::mask(text)); });
    }

    if (!quiet)
        printer.start();
    runner.start();
    const bool finished = wait.exec();
    *interrupted = wait.interrupted();
    printer.stop();
    if (!finished) {
        result = runner.result(); // the runner did not finish in time: keep what it has
        result.cancelled = true;
        if (result.stopReason == StopReason::None)
            result.stopReason = StopReason::Cancelled;
    }
    return result;
}

// The result files, the summary table and the verdict; the exit code.
int RunCommand::writeAndReport(const RunResult& result, bool interrupted) {
    const RunOutputs& outputs = m_inv.outputs;
    QStringList written;
    QStringList writeErrors;
    bool wroteAll = ResultWriter::write(result, outputs, &written, &writeErrors);
    // "Wrote journal" only when every line of it reached the file.
    if (!result.journal.ok()) {
        wroteAll = false;
        writeErrors.prepend(QStringLiteral("journal incomplete: %1").arg(result.journal.error));
    } else if (!result.journal.isEmpty()) {
        written.prepend(QStringLiteral("journal: %1").arg(result.journal.path));
    }
    for (const RunRepetition& rep : result.repeats) { // the first is result.journal
        if (rep.number > 1 && !rep.journalPath.isEmpty())
            written.append(
                QStringLiteral("journal of repeat %1: %2").arg(rep.number).arg(rep.journalPath));
    }
    ResultWriter::report(result, outputs, written, writeErrors);
    const auto report = ResultWriter::usesStandardOutput(outputs) ? &Console::err : &Console::out;

    QString message;
    const int code = exitCodeFor(result, interrupted, &message);
    if (!message.isEmpty())
        Console::error(SecretMasker::mask(message));
    if (code == ExitCode::Ok && !wroteAll)
        return ExitCode::Failure;
    bool assertionFailed = false;
    for (const GateExpression& gate : std::as_const(m_inv.assertions)) {
        const AssertionOutcome outcome = RunAssertion::check(gate, result);
        report(outcome.message + QLatin1Char('\n'));
        assertionFailed = assertionFailed || outcome.failed;
    }
    return code == ExitCode::Ok && assertionFailed ? ExitCode::Regression : code;
}

int runCommandMain(const QStringList& args) {
    QString error;
    const auto invocation = CliOptions::parseRun(args, &error);
    if (!invocation) {
        Console::error(SecretMasker::mask(error));
        return ExitCode::Usage;
    }
    if (invocation->help) {
        Console::out(HelpText::run());
        return ExitCode::Ok;
    }
    RunCommand command(*invocation);
    return command.exec();
}

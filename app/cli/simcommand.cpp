#include "cli/simcommand.h"

#include "cli/console.h"
#include "cli/exitcode.h"
#include "cli/helptext.h"
#include "cli/numberformat.h"
#include "cli/signalwatcher.h"
#include "cli/simrequestlog.h"
#include "sim/simulatorthread.h"

#include <QEventLoop>

SimCommand::SimCommand(const SimInvocation& invocation)
    : m_inv(invocation) {}

QString SimCommand::describePlateau(const SimConfig& config) {
    return QStringLiteral("plateau ≈ %1 tok/s at batch %2")
        .arg(NumberFormat::count(config.plateauTokensPerS()), NumberFormat::count(config.maxBatch));
}

QString SimCommand::presetList() {
    QString text;
    const QStringList names = SimConfig::presetNames();
    int width = 0;
    for (const QString& name : names)
        width = qMax(width, int(name.size()));
    for (const QString& name : names)
        text += QStringLiteral("%1  %2: %3\n")
                    .arg(name.leftJustified(width), describePlateau(SimConfig::preset(name)),
                         SimConfig::presetDescription(name));
    return text;
}

int SimCommand::exec() {
    SimulatorThread simulator(m_inv.config);
    QString error;
    if (!simulator.start(m_inv.host, m_inv.port, &error)) {
        Console::error(QStringLiteral("cannot start the simulator on %1:%2: %3")
                           .arg(m_inv.host.toString())
                           .arg(m_inv.port)
                           .arg(error));
        return ExitCode::Failure;
    }
    SimRequestLog requestLog(&simulator);
    if (!m_inv.requestLogPath.isEmpty()) {
        if (!requestLog.open(m_inv.requestLogPath, &error)) {
            Console::error(error);
            return ExitCode::Failure;
        }
        requestLog.start();
    }
    SignalWatcher watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &loop, &QEventLoop::quit);
    Console::out(
        QStringLiteral("Plateau simulator listening on %1 (%2: %3)\n")
            .arg(simulator.baseUrl().toString(), m_inv.describe(), describePlateau(m_inv.config)));
    Console::err(
        QStringLiteral("Ground truth: GET %1/sim/stats and %1/sim/requests; server metrics "
                       "(vLLM's names): GET %1/metrics. Ctrl-C stops.\n")
            .arg(simulator.baseUrl().toString()));
    loop.exec();
    const SimStats stats = simulator.stats();
    simulator.stop();
    requestLog.finish(); // after stop(): the requests it ended are in the history too
    Console::err(
        QStringLiteral("Simulator stopped: %1 requests completed, %2 failed, %3 tokens, "
                       "max in flight %4.%5\n")
            .arg(NumberFormat::count(double(stats.requestsCompleted)),
                 NumberFormat::count(double(stats.requestsFailed)),
                 NumberFormat::count(double(stats.tokensEmitted)),
                 NumberFormat::count(stats.maxInFlight),
                 m_inv.requestLogPath.isEmpty()
                     ? QString()
                     : QStringLiteral(" Request log: %1 (%2 lines%3).")
                           .arg(m_inv.requestLogPath,
                                NumberFormat::count(double(requestLog.written())),
                                requestLog.error().isEmpty()
                                    ? QString()
                                    : QStringLiteral(", incomplete: ") + requestLog.error())));
    // A log that could not be written in full is a file that could not be written.
    return requestLog.error().isEmpty() ? ExitCode::Ok : ExitCode::Failure;
}

int simCommandMain(const QStringList& args) {
    QString error;
    const auto invocation = SimOptions::parse(args, &error);
    if (!invocation) {
        Console::error(error);
        return ExitCode::Usage;
    }
    if (invocation->help) {
        Console::out(HelpText::sim());
        return ExitCode::Ok;
    }
    if (invocation->listPresets) {
        Console::out(SimCommand::presetList());
        return ExitCode::Ok;
    }
    SimCommand command(*invocation);
    return command.exec();
}

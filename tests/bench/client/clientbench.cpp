#include "clientbench.h"

#include "common/monotonicclock.h"
#include "sweep/sweeprunner.h"

#include <QEventLoop>
#include <QFile>
#include <QTimer>
#include <sys/resource.h>

double ClientBench::cpuSeconds() {
    rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

qint64 ClientBench::rssKb() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines)
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

ClientBench::Outcome ClientBench::run(const Level& level) {
    Profile profile = Profile::defaultProfile();
    EndpointConfig& endpoint = profile.endpoints.first();
    endpoint.url = m_url;
    endpoint.model = QStringLiteral("plateau-sim");
    endpoint.firstTokenTimeoutS = 300;
    profile.plan.concurrencies = {level.concurrency};
    profile.plan.requestsPerLevel = level.requests;
    profile.plan.durationPerLevelS = 0;
    profile.plan.warmupRequests = 0;
    profile.prompts.inputTokens = level.inputTokens;
    profile.prompts.outputTokens = level.outputTokens;
    profile.prompts.calibrate = false;
    profile.budget = {};

    Outcome outcome;
    SweepRunner runner;
    runner.setProfile(profile);
    EngineOptions options;
    options.transport = s_transport;
    options.networkThreads = s_networkThreads;
    if (s_lagProbeIntervalMs > 0)
        options.lagProbeIntervalMs = s_lagProbeIntervalMs;
    runner.setEngineOptions(options);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&runner, &SweepRunner::finished, &loop, [&](const RunResult& r) {
        outcome.result = r;
        finished = true;
        loop.quit();
    });
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(600000);

    outcome.rssBeforeKb = rssKb();
    const double cpu0 = cpuSeconds();
    const qint64 t0 = MonotonicClock::nowNs();
    runner.start();
    if (!finished)
        loop.exec();
    outcome.wallS = double(MonotonicClock::nowNs() - t0) / 1e9;
    outcome.clientCpuS = cpuSeconds() - cpu0;
    outcome.rssAfterKb = rssKb();
    if (!finished) {
        runner.stop();
        outcome.error = QStringLiteral("the run did not finish in 10 minutes");
        return outcome;
    }
    for (const RequestRecord& r : std::as_const(outcome.result.records)) {
        if (!r.ok()) {
            ++outcome.failed;
            if (outcome.error.isEmpty())
                outcome.error = r.error + QStringLiteral(": ") + r.errorMessage;
            continue;
        }
        outcome.contentEvents += r.contentEventNs.size();
        outcome.otherEvents += 4;
        outcome.outputTokens += r.outputTokens;
    }
    outcome.ok = outcome.failed == 0 && !outcome.result.records.isEmpty();
    return outcome;
}

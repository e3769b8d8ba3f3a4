#pragma once

// Shared fixtures of the load tests: a simulator on 127.0.0.1:0 with a chosen model,
// a small profile pointing at it, and a helper that runs a SweepRunner to its end.

#include "profile/profile.h"
#include "results/runresult.h"
#include "sim/simconfig.h"
#include "sim/simulatorthread.h"
#include "sweep/sweeprunner.h"

#include <QHostAddress>
#include <QSignalSpy>
#include <QTest>
#include <memory>

namespace LoadTest {

// Timing tolerances are loosened under the sanitizers (everything runs ~3-10x slower).
#if defined(__SANITIZE_ADDRESS__)
constexpr double kSlowFactor = 4.0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr double kSlowFactor = 4.0;
#else
constexpr double kSlowFactor = 1.0;
#endif
#else
constexpr double kSlowFactor = 1.0;
#endif

// A fast, fault-free simulator: 2 ms decode steps, a batch big enough for every test.
inline SimConfig fastSim() {
    SimConfig config;
    config.maxBatch = 1024;
    config.decodeBaseMs = 2.0;
    config.decodePerSeqMs = 0.0;
    config.prefillTokensPerS = 1e6;
    return config;
}

inline std::unique_ptr<SimulatorThread> startSim(const SimConfig& config) {
    auto sim = std::make_unique<SimulatorThread>(config);
    QString error;
    if (!sim->start(QHostAddress::LocalHost, 0, &error)) {
        qWarning("simulator did not start: %s", qPrintable(error));
        return nullptr;
    }
    return sim;
}

// A count-bound closed-loop profile against `url`, no calibration probe.
inline Profile profileFor(const QUrl& url, const QList<int>& concurrencies, int requestsPerLevel,
                          int outputTokens) {
    Profile profile;
    profile.name = QStringLiteral("load test");
    profile.endpoints[0].url = url;
    profile.endpoints[0].name = QStringLiteral("test endpoint");
    profile.plan.mode = SweepPlan::Mode::Concurrency;
    profile.plan.concurrencies = concurrencies;
    profile.plan.durationPerLevelS = 0.0;
    profile.plan.requestsPerLevel = requestsPerLevel;
    profile.plan.maxErrorRate = 1.0;
    profile.prompts.inputTokens = 32;
    profile.prompts.outputTokens = outputTokens;
    profile.prompts.calibrate = false;
    profile.budget = {};
    return profile;
}

inline EngineOptions quickOptions(int threads = 0) {
    EngineOptions options;
    options.networkThreads = threads;
    options.maxRampS = 0.1;
    options.rampPerWorkerMs = 1.0;
    return options;
}

// Starts the runner and waits for finished(); returns the result (empty on timeout).
inline bool runToEnd(SweepRunner& runner, int timeoutMs, RunResult* result) {
    QSignalSpy finished(&runner, &SweepRunner::finished);
    runner.start();
    if (!finished.wait(timeoutMs))
        return false;
    *result = finished.first().first().value<RunResult>();
    return true;
}

inline int countError(const RunResult& result, const QString& errorClass) {
    int count = 0;
    for (const RequestRecord& record : result.records)
        count += record.error == errorClass ? 1 : 0;
    return count;
}

} // namespace LoadTest

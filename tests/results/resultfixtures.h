#pragma once

#include "metrics/levelaggregator.h"
#include "metrics/sweepaggregator.h"
#include "results/runresult.h"

#include <QDateTime>

// Hand-built runs with known timings, shared by the results tests.
namespace ResultFixtures {
// Far from 0 so absolute and relative times cannot be confused.
constexpr qint64 kRunStartNs = 5'000'000'000'000LL;
constexpr qint64 kMs = 1'000'000;

// A successful streamed request: `tokens` content events `gapMs` apart after `ttftMs`.
inline RequestRecord success(quint64 id, int level, double sendMs, double ttftMs, double gapMs,
                             int tokens) {
    RequestRecord r;
    r.id = id;
    r.level = level;
    r.tSendNs = kRunStartNs + qint64(sendMs * kMs);
    r.tSchedNs = r.tSendNs - 250'000; // 0.25 ms queue
    r.tHeadersNs = r.tSendNs + qint64(ttftMs * kMs / 2);
    r.tFirstEventNs = r.tSendNs + qint64(ttftMs * kMs) - 1'000; // role chunk just before
    r.tFirstContentNs = r.tSendNs + qint64(ttftMs * kMs);
    for (int i = 0; i < tokens; ++i)
        r.contentEventNs.append(r.tFirstContentNs + qint64(i * gapMs * kMs) + 7 * i); // odd ns
    r.tLastContentNs = r.contentEventNs.last();
    r.tEndNs = r.tLastContentNs + 123'457;
    r.outputTokens = tokens;
    r.outputTokensSource = TokenSource::Usage;
    r.inputTokens = 256;
    r.inputTokensSource = TokenSource::Usage;
    r.httpStatus = 200;
    r.finishReason = QStringLiteral("length");
    return r;
}

inline RequestRecord failure(quint64 id, int level, double sendMs) {
    RequestRecord r;
    r.id = id;
    r.level = level;
    r.tSchedNs = kRunStartNs + qint64(sendMs * kMs);
    r.tSendNs = r.tSchedNs;
    r.tHeadersNs = r.tSendNs + 2 * kMs;
    r.tEndNs = r.tSendNs + 3 * kMs;
    r.inputTokens = 256;
    r.inputTokensSource = TokenSource::Estimate;
    r.httpStatus = 503;
    r.error = ErrorClass::Http5xx;
    r.errorMessage = QStringLiteral("HTTP 503: \"overloaded\",\nretry later");
    return r;
}

inline LevelRunInfo level(int index, int concurrency, double startMs, double stopMs, double endMs) {
    LevelRunInfo info;
    info.index = index;
    info.concurrency = concurrency;
    info.startNs = kRunStartNs + qint64(startMs * kMs);
    info.issueStopNs = kRunStartNs + qint64(stopMs * kMs);
    info.endNs = kRunStartNs + qint64(endMs * kMs);
    info.clientCpuSeconds = 0.5;
    info.eventLoopLagP99Ms = 1.25;
    info.complete = true;
    return info;
}

// Two closed-loop levels (c=1, c=2), a warm-up request and a failure.
inline RunResult twoLevelRun() {
    RunResult run;
    run.startedAt = QDateTime(QDate(2025, 3, 4), QTime(5, 6, 7, 89), Qt::UTC);
    run.runStartNs = kRunStartNs;
    run.endpointUrl = QStringLiteral("http://127.0.0.1:41234/v1");
    run.profile = Profile::defaultProfile();
    run.profile.plan.concurrencies = {1, 2};
    run.profile.plan.warmupRequests = 1;
    run.levels = {level(0, 1, 0, 400, 420), level(1, 2, 420, 800, 830)};
    run.levels[0].warmupRequests = 1;
    run.levels[1].warmupRequests = 1;
    quint64 id = 1;
    RequestRecord warm = success(id++, 0, 0, 20, 5, 8);
    warm.warmup = true;
    run.records << warm;
    for (int i = 0; i < 4; ++i)
        run.records << success(id++, 0, 90 + i * 80, 20, 5, 10);
    RequestRecord warm1 = success(id++, 1, 420, 30, 6, 8);
    warm1.warmup = true;
    run.records << warm1;
    for (int i = 0; i < 6; ++i)
        run.records << success(id++, 1, 430 + i * 60, 30, 6, 12);
    run.records << failure(id++, 1, 700);
    run.stopReason = StopReason::Completed;
    return run;
}

// `run` with a calibration whose first probe (at the target length) succeeded and whose
// second failed: the one-factor fallback. Probes are level -1 and not in records.
inline RunResult withCalibration(RunResult run) {
    RequestRecord first = success(0, -1, -30, 8, 1, 1);
    first.inputTokens = 48;
    first.outputTokens = 1;
    RequestRecord second = failure(0, -1, -15);
    second.inputTokens = 128;
    second.errorMessage = QStringLiteral("HTTP 500: probe refused");
    second.httpStatus = 500;
    run.calibration.method = QStringLiteral("factor");
    run.calibration.overheadTokens = 0.0;
    run.calibration.tokensPerEstimatedToken = 1.5;
    run.calibration.probes = {first, second};
    run.calibration.probeEstimatedTokens = {32, 128};
    run.calibration.message = QStringLiteral("calibrated prompts with one factor (probe 2 "
                                             "failed (http_5xx: HTTP 500: probe refused))");
    return run;
}

// The run's summaries as the live engine computes them (needs plateau_metrics' aggregators).
inline RunResult withSummary(RunResult run) {
    QList<LevelSummary> levels;
    for (const LevelRunInfo& info : run.levels) {
        QList<RequestRecord> records;
        for (const RequestRecord& r : run.records) {
            if (r.level == info.index)
                records.append(r);
        }
        levels.append(
            LevelAggregator::summarize(info, records, run.profile.budget, run.runStartNs));
    }
    run.summary = SweepAggregator::summarize(levels, run.profile.budget,
                                             run.profile.plan.plateauGainThreshold);
    return run;
}
} // namespace ResultFixtures

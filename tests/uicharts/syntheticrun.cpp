#include "syntheticrun.h"

#include <algorithm>
#include <cmath>

namespace {
LatencyStats spread(double p50) {
    LatencyStats s;
    s.count = 100;
    s.min = p50 * 0.7;
    s.mean = p50 * 1.05;
    s.std = p50 * 0.15;
    s.p50 = p50;
    s.p90 = p50 * 1.15;
    s.p95 = p50 * 1.25;
    s.p99 = p50 * 1.5;
    s.max = p50 * 1.7;
    return s;
}
} // namespace

RunResult SyntheticRun::make(const Options& options) {
    RunResult run;
    run.runStartNs = 1'000'000'000;
    run.profile.name = QStringLiteral("synthetic");
    if (options.budget)
        run.profile.budget.limits = {{LatencyMetric::Ttft, LatencyStat::P95, 500.0}};
    run.stopReason = StopReason::Completed;
    const int outputTokens = 256;
    const int slots = 64;
    qint64 clock = run.runStartNs;
    quint64 nextId = 1;
    int best = -1;
    double bestTps = 0.0;
    for (int i = 0; i < options.levels; ++i) {
        const int c = 1 << i;
        const int batch = std::min(c, slots);
        const double tpot = (4.0 + 0.06 * batch) / options.speed;
        const double ttftBase = (40.0 + 5.0 * batch) / options.speed;
        const double e2eBase = ttftBase + tpot * (outputTokens - 1);
        // Beyond the batch slots, requests wait for a free slot: TTFT grows by that wait.
        const double queueWait = c > slots ? e2eBase * double(c - slots) / slots : 0.0;
        LevelSummary level;
        level.index = i;
        level.concurrency = c;
        level.complete = true;
        level.requests = 10 * c;
        level.successes = level.requests;
        if (options.errors && c >= 128) {
            level.errors.insert(QStringLiteral("http_429"), 12);
            level.errors.insert(QStringLiteral("timeout"), 3);
            level.successes -= 15;
        }
        level.outputThroughputTps = batch / tpot * 1000.0;
        level.outputThroughputTotalTps = level.outputThroughputTps * 0.93;
        level.ttftMs = spread(ttftBase + queueWait);
        level.tpotMs = spread(tpot);
        level.e2eMs = spread(e2eBase + queueWait);
        level.itlMs = spread(tpot * 0.98);
        level.queueMs = spread(0.05);
        level.requestThroughputRps = level.outputThroughputTps / outputTokens;
        level.achievedConcurrency = c * 0.97;
        level.goodputRps = level.ttftMs.p95 <= 500.0 ? level.requestThroughputRps : 0.0;
        level.maxQueueMs = 0.2;
        level.withinBudget = !options.budget || level.ttftMs.p95 <= 500.0;
        if (options.budget && level.withinBudget && level.outputThroughputTps > bestTps) {
            bestTps = level.outputThroughputTps;
            best = i;
        }
        run.summary.levels.append(level);

        LevelRunInfo info;
        info.index = i;
        info.concurrency = c;
        info.startNs = clock;
        info.complete = true;
        // Records: a few requests spread over the level, each with 16 content events.
        for (int r = 0; r < options.requestsPerLevel; ++r) {
            RequestRecord rec;
            rec.id = nextId++;
            rec.level = i;
            rec.warmup = r == 0;
            rec.tSchedNs = clock + qint64(r) * 200'000'000;
            rec.tSendNs = rec.tSchedNs + 50'000;
            rec.tHeadersNs = rec.tSendNs + 5'000'000;
            const double jitter = 1.0 + 0.05 * ((r * 7) % 5);
            rec.tFirstEventNs = rec.tSendNs + qint64(level.ttftMs.p50 * jitter * 1e6) - 1'000'000;
            rec.tFirstContentNs = rec.tFirstEventNs + 1'000'000;
            rec.tLastContentNs = rec.tSendNs + qint64(level.e2eMs.p50 * jitter * 1e6);
            rec.tEndNs = rec.tLastContentNs + 500'000;
            for (int e = 0; e < 16; ++e)
                rec.contentEventNs.append(rec.tFirstContentNs +
                                          (rec.tLastContentNs - rec.tFirstContentNs) * e / 15);
            rec.outputTokens = outputTokens;
            rec.outputTokensSource = TokenSource::Usage;
            rec.inputTokens = 512;
            rec.inputTokensSource = TokenSource::Usage;
            rec.httpStatus = 200;
            rec.finishReason = QStringLiteral("length");
            if (options.errors && c >= 128 && r >= options.requestsPerLevel - 3) {
                const bool timeout = r == options.requestsPerLevel - 1;
                rec.error = timeout ? QStringLiteral("timeout") : QStringLiteral("http_429");
                rec.errorMessage = timeout ? QStringLiteral("no data for 30 s")
                                           : QStringLiteral("Too Many Requests");
                rec.httpStatus = timeout ? 200 : 429;
                rec.tFirstEventNs = rec.tFirstContentNs = rec.tLastContentNs = -1;
                rec.contentEventNs.clear();
                rec.outputTokens = 0;
            }
            run.records.append(rec);
        }
        clock += qint64(level.e2eMs.p50 * 1e6) + qint64(options.requestsPerLevel) * 200'000'000;
        info.issueStopNs = clock - 100'000'000;
        info.endNs = clock;
        run.levels.append(info);
    }

    // Plateau: the highest throughput, reached (flat) from c=64 on when the sweep got there.
    PlateauResult& plateau = run.summary.plateau;
    const QList<LevelSummary>& levels = run.summary.levels;
    for (const LevelSummary& level : levels) {
        if (!(level.outputThroughputTps <= plateau.plateauTps)) {
            plateau.plateauTps = level.outputThroughputTps;
            plateau.plateauLevel = level.index;
        }
    }
    plateau.plateaued = options.levels >= 8;
    plateau.plateauFromLevel = plateau.plateaued ? 6 : -1;
    for (qsizetype i = 1; i < levels.size(); ++i) {
        const double target = 0.9 * plateau.plateauTps;
        const LevelSummary& a = levels.at(i - 1);
        const LevelSummary& b = levels.at(i);
        if (a.outputThroughputTps < target && b.outputThroughputTps >= target) {
            const double t =
                (target - a.outputThroughputTps) / (b.outputThroughputTps - a.outputThroughputTps);
            plateau.kneeConcurrency = a.concurrency + t * (b.concurrency - a.concurrency);
            break;
        }
    }
    run.summary.budget.hasBudget = options.budget;
    run.summary.budget.bestLevel = best;
    return run;
}

RunResult SyntheticRun::prefix(const RunResult& full, int levels) {
    RunResult run = full;
    run.summary.levels = full.summary.levels.mid(0, levels);
    run.levels = full.levels.mid(0, levels);
    run.records.clear();
    for (const RequestRecord& rec : full.records) {
        if (rec.level < levels)
            run.records.append(rec);
    }
    run.summary.plateau = PlateauResult{};
    run.summary.budget.bestLevel = -1;
    for (const LevelSummary& level : run.summary.levels) {
        if (!(level.outputThroughputTps <= run.summary.plateau.plateauTps)) {
            run.summary.plateau.plateauTps = level.outputThroughputTps;
            run.summary.plateau.plateauLevel = level.index;
        }
        if (level.withinBudget && full.summary.budget.hasBudget &&
            (run.summary.budget.bestLevel < 0 ||
             level.outputThroughputTps >
                 run.summary.levels.at(run.summary.budget.bestLevel).outputThroughputTps))
            run.summary.budget.bestLevel = level.index;
    }
    run.stopReason = StopReason::None;
    return run;
}

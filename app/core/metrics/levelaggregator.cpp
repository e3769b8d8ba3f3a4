#include "metrics/levelaggregator.h"

#include "metrics/budgetevaluator.h"
#include "metrics/clienthealth.h"
#include "metrics/inflighttimeline.h"
#include "metrics/steadywindow.h"
#include "metrics/windowadequacy.h"
#include "metrics/windowattribution.h"
#include "stats/batchmeans.h"
#include "stats/ratebins.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

using namespace Qt::StringLiterals;

namespace {
// Little's law is only a sanity check: flag when the two concurrencies differ by more than
// this share of the measured one (a failed-request share, a window too short to be steady,
// or latency drifting during the level all show up here).
constexpr double kLittleLawTolerance = 0.20;

double msFromRun(qint64 ns, qint64 runStartNs) {
    return ns >= 0 ? double(ns - runStartNs) / 1e6 : LevelSummary::nan;
}

// Width of the bins of the output-rate series behind the throughput interval: short enough
// that a 10 s window gives 100 points, long enough that a bin usually holds several events.
constexpr qint64 kRateBinNs = 100'000'000;

// A stretch of time, in MonotonicClock ns.
struct Span {
    qint64 startNs = -1;
    qint64 endNs = -1;
    bool isValid() const { return startNs >= 0 && endNs > startNs; }
    double seconds() const { return double(endNs - startNs) / 1e9; }
};

// The distribution of one metric over the level's successful measured requests (`all`: its
// measured requests, failed ones too). One metric's samples at a time: a 1 M-request level
// held eight lists of a million doubles at once at its end (issue 17: its peak memory).
// The samples are in record order as before, so every figure is the same to the bit.
template <typename Sample>
LatencyStats distribution(const RecordStore& records, qsizetype count, Sample sample,
                          bool all = false) {
    QList<double> values;
    values.reserve(count);
    for (const RequestRecord& r : records) {
        if (!r.warmup && (all || r.ok()))
            sample(r, values);
    }
    return LatencyStats::compute(std::move(values));
}

// Every gap between two content events of the level's successful measured requests, pooled.
// Held, they were 8 bytes a token: 64 M gaps (512 MB) at the end of a level of a million
// 64-token answers (issue 17). Only their order statistics are kept, over a few passes on
// the records (LatencyStats::computePooled); the figures are the same doubles.
LatencyStats pooledGaps(const RecordStore& records) {
    return LatencyStats::computePooled([&records](const std::function<void(double)>& visit) {
        for (const RequestRecord& r : records) {
            if (r.warmup || !r.ok())
                continue;
            const QList<qint64>& times = r.contentEventNs;
            for (qsizetype i = 1; i < times.size(); ++i)
                visit(double(times[i] - times[i - 1]) / 1e6); // as RequestRecord::itlMs()
        }
    });
}

// Distributions, counts, errors and token totals: every measured (non-warm-up) request
// counts in requests/errors, only successful ones in the latency statistics.
void summarizeRequests(LevelSummary& s, const RecordStore& records, double* queueP99All,
                       Span* wall) {
    qint64 firstSend = -1;
    qint64 lastEnd = -1;
    for (const RequestRecord& r : records) {
        if (r.warmup) {
            ++s.warmupRequests;
            continue;
        }
        ++s.requests;
        if (r.tSendNs >= 0) {
            firstSend = firstSend < 0 ? r.tSendNs : std::min(firstSend, r.tSendNs);
            lastEnd = std::max({lastEnd, r.tEndNs, r.tLastContentNs, r.tSendNs});
        }
        if (!r.ok()) {
            s.errors[r.error] += 1;
            continue;
        }
        ++s.successes;
        s.earlyStops += r.earlyStop ? 1 : 0;
        s.outputTokens += r.outputTokens;
        s.inputTokens += r.inputTokens;
        s.embeddingInputs += r.embeddingInputs;
        s.embeddings = s.embeddings || r.embeddingInputs > 0;
    }
    const qsizetype ok = s.successes;
    using Record = const RequestRecord&;
    using Values = QList<double>&;
    s.ttftMs = distribution(records, ok, [](Record r, Values v) { v.append(r.ttftMs()); });
    s.tpotMs = distribution(records, ok, [](Record r, Values v) { v.append(r.tpotMs()); });
    s.e2eMs = distribution(records, ok, [](Record r, Values v) { v.append(r.e2eMs()); });
    s.itlMs = pooledGaps(records);
    s.queueMs = distribution(records, ok, [](Record r, Values v) { v.append(r.queueMs()); });
    s.ttfbMs = distribution(records, ok, [](Record r, Values v) { v.append(r.ttfbMs()); });
    s.ttfeMs = distribution(records, ok, [](Record r, Values v) { v.append(r.ttfeMs()); });
    const LatencyStats queueStats = distribution(
        records, s.requests, [](Record r, Values v) { v.append(r.queueMs()); }, true);
    s.maxQueueMs = queueStats.max;
    *queueP99All = queueStats.p99;

    // Wall time of the measured requests: first send to last end (vLLM's duration). Warm-up
    // is left out of both the tokens and the time so the ratio is not diluted.
    *wall = {firstSend, lastEnd};
    if (wall->isValid()) {
        s.wallSeconds = wall->seconds();
        s.outputThroughputTotalTps = double(s.outputTokens) / s.wallSeconds;
    }
}

// Rates over a window (the steady one, or the wall time when that one is too short). The
// window is a slice of time, so everything the endpoint delivered inside it counts,
// whichever request it belonged to:
//  - output tokens: every content event of a successful request (warm-up included) that
//    arrived in the window. A failed request's partial output is not delivered output:
//    the client got no answer it could use, and counting it let a level where every
//    request failed report a throughput. What failed is in the error counts.
//  - requests (and input tokens, goodput): successful requests only, each counted by the
//    share of its lifetime inside the window. Counting whole completions instead makes the
//    rate jump by up to N requests depending on where the window edges fall (with N equal
//    streams finishing together, 3 or 4 "rounds" in a 6 s window is a 25% swing); the
//    lifetime share is the same fluid attribution the tokens get, so tps / rps stays the
//    mean output length and Little's law can be checked without edge noise.
void summarizeWindow(LevelSummary& s, const RecordStore& records, const Span& window,
                     const InFlightTimeline& timeline, const LatencyBudget& budget) {
    if (!window.isValid())
        return;
    const double seconds = window.seconds();
    double tokens = 0.0;
    double requests = 0.0;
    double inputTokens = 0.0;
    double inputs = 0.0; // embeddings
    double good = 0.0;
    for (const RequestRecord& r : records) {
        if (!r.ok())
            continue;
        tokens += WindowAttribution::outputTokens(r, window.startNs, window.endNs);
        const double share = WindowAttribution::lifetimeShare(r, window.startNs, window.endNs);
        if (share <= 0.0)
            continue;
        requests += share;
        inputTokens += share * r.inputTokens;
        inputs += share * r.embeddingInputs;
        if (BudgetEvaluator::requestMeets(r, budget))
            good += share;
    }
    s.outputThroughputTps = tokens / seconds;
    s.requestThroughputRps = requests / seconds;
    s.inputThroughputTps = inputTokens / seconds;
    if (s.embeddings)
        s.inputsPerSecond = inputs / seconds;
    s.goodputRps = good / seconds;
    s.achievedConcurrency = timeline.meanOver(window.startNs, window.endNs);
}

// 95% interval of the window's output throughput by batch means over its 100 ms output
// rates (each content event of a successful request weighs its share of the request's
// tokens, as in WindowAttribution), centred on the reported figure: the batch-means
// estimate leaves out the last partial bin and the leftover bins, under one bin's worth.
FigureInterval throughputInterval(const RecordStore& records, const Span& window, double figure) {
    // Binned as the events come: never all of them in memory at once (issue 17).
    RateBins rates(window.startNs, window.endNs, kRateBinNs);
    for (const RequestRecord& r : records) {
        if (!r.ok() || r.outputTokens <= 0)
            continue;
        if (r.contentEventNs.isEmpty()) {
            rates.add(r.tLastContentNs >= 0 ? r.tLastContentNs : r.tEndNs, double(r.outputTokens));
            continue;
        }
        const double weight = double(r.outputTokens) / double(r.contentEventNs.size());
        for (qint64 t : r.contentEventNs) {
            if (t > window.startNs && t <= window.endNs)
                rates.add(t, weight);
        }
    }
    const std::vector<double> bins = rates.rates();
    FigureInterval ci = FigureInterval::from(BatchMeans::compute(bins).interval, figure);
    if (bins.empty())
        ci.note = u"steady window shorter than one 100 ms bin"_s;
    return ci;
}

// The rates over the steady window when it can carry them (WindowAdequacy), else over the
// level's wall time, flagged: a sliver of a window reads anything from 0 to several times
// the truth, while the wall time (ramp and drain included) is a true if diluted figure.
// The wall-time rates count the measured requests only, as output_throughput_total_tps
// does, so the fallback equals that figure exactly.
void summarizeRates(LevelSummary& s, const RecordStore& records, const SteadyWindow& window,
                    const InFlightTimeline& timeline, const Span& wall, qint64 openEnd,
                    const LatencyBudget& budget) {
    QString shortfall;
    if (!window.isValid())
        shortfall = u"no steady window"_s;
    else if (window.wholeSpan)
        shortfall = u"steady window empty"_s;
    else
        shortfall = WindowAdequacy::shortfall(window.seconds(), s);
    if (shortfall.isEmpty()) {
        summarizeWindow(s, records, {window.startNs, window.endNs}, timeline, budget);
        s.throughputSource = u"steady_window"_s;
        s.outputThroughputCi =
            throughputInterval(records, {window.startNs, window.endNs}, s.outputThroughputTps);
        return;
    }
    if (!wall.isValid())
        return; // nothing was measured over any stretch of time
    QList<RequestRecord> measured;
    measured.reserve(records.size());
    for (const RequestRecord& r : records) {
        if (!r.warmup)
            measured.append(r);
    }
    summarizeWindow(s, measured, wall, InFlightTimeline(measured, openEnd), budget);
    s.throughputSource = u"wall_time"_s;
    s.outputThroughputCi.note = u"rates over the wall time: no interval"_s;
    s.throughputNote = shortfall + u"; rates over the level's wall time (%1 s)"_s.arg(
                                       QString::number(wall.seconds(), 'g', 3));
}
} // namespace

LevelSummary LevelAggregator::summarize(const LevelRunInfo& info, const RecordStore& records,
                                        const LatencyBudget& budget, qint64 runStartNs) {
    LevelSummary s;
    s.index = info.index;
    s.isRate = info.isRate;
    s.concurrency = info.concurrency;
    s.rate = info.rate;
    s.batchSize = info.batchSize;
    s.complete = info.complete;
    s.clientCpuSeconds = info.clientCpuSeconds;
    s.eventLoopLagP99Ms = info.eventLoopLagP99Ms;

    double queueP99All = LevelSummary::nan;
    Span wall;
    summarizeRequests(s, records, &queueP99All, &wall);
    s.ttftByTurn = TurnTtft::byTurn(records);
    s.conversationsStarted = info.conversationsStarted;
    s.conversationsCompleted = info.conversationsCompleted;

    qint64 openEnd = info.endNs;
    for (const RequestRecord& r : records)
        openEnd = std::max({openEnd, r.tEndNs, r.tSendNs});
    const InFlightTimeline timeline(records, openEnd);
    s.maxInFlight = timeline.maxOverall();
    const SteadyWindow window = SteadyWindow::find(info, records, timeline);
    s.windowNote = window.note;
    if (window.isValid()) {
        s.windowStartMs = msFromRun(window.startNs, runStartNs);
        s.windowEndMs = msFromRun(window.endNs, runStartNs);
        s.windowSeconds = window.seconds();
    }
    summarizeRates(s, records, window, timeline, wall, openEnd, budget);

    // Closed loop: a finished level whose target was never in flight did not measure the
    // load it names. When it had fewer requests than workers, that is the plan's doing,
    // not the client's (nor the endpoint's); ClientHealth explains any other cause.
    if (!info.isRate && info.complete && info.concurrency > 0 && !window.targetReached)
        s.targetUnreachable = records.size() < info.concurrency ? u"plan"_s : u"client"_s;

    const QStringList reasons = ClientHealth::reasons(s, info, queueP99All, window.targetReached);
    s.clientBound = !reasons.isEmpty();
    s.clientBoundReason = reasons.join(u"; "_s);

    s.littleLawConcurrency = s.requestThroughputRps * s.e2eMs.mean / 1e3;
    if (std::isfinite(s.littleLawConcurrency) && std::isfinite(s.achievedConcurrency) &&
        s.achievedConcurrency > 0.0) {
        s.littleLawMismatch = std::abs(s.littleLawConcurrency - s.achievedConcurrency) >
                              kLittleLawTolerance * s.achievedConcurrency;
    }

    s.withinBudget = BudgetEvaluator::levelMeets(s, budget);
    return s;
}

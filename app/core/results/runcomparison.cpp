#include "results/runcomparison.h"

#include "metrics/latencyvalues.h"
#include "profile/latencymetric.h"
#include "stats/percentilecomparison.h"
#include "stats/welchtest.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace {
// The latency percentiles compared for every matched level.
struct PercentileFigure {
    LatencyMetric metric;
    LatencyStat stat; // a percentile

    double q() const { return LatencyNames::quantile(stat).value_or(0.5); }
    // "ttft.p95", as the report and --fail-if name it.
    QString name() const {
        return LatencyNames::key(metric) + QLatin1Char('.') + LatencyNames::key(stat);
    }
};
using M = LatencyMetric;
using S = LatencyStat;
constexpr PercentileFigure kPercentiles[] = {
    {M::Ttft, S::P50}, {M::Ttft, S::P95}, {M::Ttft, S::P99}, {M::Tpot, S::P50},
    {M::Tpot, S::P95}, {M::E2e, S::P50},  {M::E2e, S::P95},  {M::E2e, S::P99},
};

const QString kThroughput = QStringLiteral("output_throughput_tps");
const QString kPlateau = QStringLiteral("plateau_tps");

bool sameLoad(const LevelSummary& a, const LevelSummary& b) {
    if (a.isRate != b.isRate)
        return false;
    return a.isRate ? std::abs(a.rate - b.rate) <= 1e-9 * std::max(1.0, a.rate)
                    : a.concurrency == b.concurrency;
}

std::optional<LevelSummary> counterpart(const LevelSummary& level, const RunResult& other) {
    for (const LevelSummary& l : other.summary.levels) {
        if (sameLoad(level, l))
            return l;
    }
    return std::nullopt;
}

// The successful measured requests' values of one latency metric at a level, in the order
// the requests were sent: the block bootstrap resamples runs of neighbours in time.
std::vector<double> latencies(const RunResult& run, int levelIndex, LatencyMetric metric) {
    std::vector<std::pair<qint64, double>> timed;
    for (const RequestRecord& r : run.records) {
        if (r.level != levelIndex || r.warmup || !r.ok())
            continue;
        const double v = LatencyValues::ofRequest(r, metric);
        if (std::isfinite(v))
            timed.emplace_back(r.tSendNs, v);
    }
    std::stable_sort(timed.begin(), timed.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<double> out;
    out.reserve(timed.size());
    for (const auto& [sent, value] : timed)
        out.push_back(value);
    return out;
}

// Welch's t on two batch-means intervals; without both, the figures and why there is no test.
Comparison throughputComparison(double base, const FigureInterval& baseCi, double candidate,
                                const FigureInterval& candidateCi) {
    if (baseCi.ok() && candidateCi.ok() && baseCi.degreesOfFreedom > 0 &&
        candidateCi.degreesOfFreedom > 0)
        return WelchTest::compare(baseCi.toStudentT(base), candidateCi.toStudentT(candidate));
    Comparison c;
    c.base = base;
    c.candidate = candidate;
    c.delta = candidate - base;
    c.deltaPercent = base != 0.0 ? 100.0 * c.delta / base : Interval::nan;
    c.method = "welch_t";
    c.note = "no test: a level has no throughput interval (rates over the wall time, or a "
             "results file from before intervals)";
    return c;
}

FigureComparison levelThroughput(const LevelSummary& base, const LevelSummary& candidate) {
    return {base.label(), kThroughput, QStringLiteral("tok/s"), true,
            throughputComparison(base.outputThroughputTps, base.outputThroughputCi,
                                 candidate.outputThroughputTps, candidate.outputThroughputCi)};
}

FigureComparison levelPercentile(const RunResult& base, const LevelSummary& baseLevel,
                                 const RunResult& candidate, const LevelSummary& candidateLevel,
                                 const PercentileFigure& f) {
    const std::vector<double> a = latencies(base, baseLevel.index, f.metric);
    const std::vector<double> b = latencies(candidate, candidateLevel.index, f.metric);
    Bootstrap::Options options;
    options.seed = 13; // reproducible: the same two files always give the same verdict
    options.blockLength = PercentileComparison::blockLengthFor(std::min(a.size(), b.size()));
    return {baseLevel.label(), f.name(), QStringLiteral("ms"), false,
            PercentileComparison::bootstrap(a, b, f.q(), options)};
}

FigureComparison plateauComparison(const RunResult& base, const RunResult& candidate) {
    const LevelSummary* a = RunComparison::levelByIndex(base, base.summary.plateau.plateauLevel);
    const LevelSummary* b =
        RunComparison::levelByIndex(candidate, candidate.summary.plateau.plateauLevel);
    const FigureInterval none;
    return {QStringLiteral("sweep"), kPlateau, QStringLiteral("tok/s"), true,
            throughputComparison(base.summary.plateau.plateauTps, a ? a->outputThroughputCi : none,
                                 candidate.summary.plateau.plateauTps,
                                 b ? b->outputThroughputCi : none)};
}
} // namespace

QStringList RunComparison::figureNames() {
    QStringList names{kPlateau, kThroughput};
    for (const PercentileFigure& f : kPercentiles)
        names << f.name();
    return names;
}

QList<FigureComparison> RunComparison::compare(const RunResult& base, const RunResult& candidate) {
    QList<FigureComparison> rows{plateauComparison(base, candidate)};
    for (const LevelSummary& a : base.summary.levels) {
        const std::optional<LevelSummary> b = counterpart(a, candidate);
        if (!b)
            continue;
        rows.append(levelThroughput(a, *b));
        for (const PercentileFigure& f : kPercentiles)
            rows.append(levelPercentile(base, a, candidate, *b, f));
    }
    return rows;
}

QStringList RunComparison::unmatchedLevels(const RunResult& base, const RunResult& candidate) {
    QStringList out;
    for (const LevelSummary& a : base.summary.levels) {
        if (!counterpart(a, candidate))
            out << a.label() + QStringLiteral(" only in BASE");
    }
    for (const LevelSummary& b : candidate.summary.levels) {
        if (!counterpart(b, base))
            out << b.label() + QStringLiteral(" only in NEW");
    }
    return out;
}

const LevelSummary* RunComparison::levelByIndex(const RunResult& run, int index) {
    for (const LevelSummary& l : run.summary.levels) {
        if (l.index == index)
            return &l;
    }
    return nullptr;
}

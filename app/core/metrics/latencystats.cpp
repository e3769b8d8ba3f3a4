#include "metrics/latencystats.h"

#include "metrics/latencyvalues.h"

#include "stats/percentileinterval.h"

#include <QJsonValue>
#include <QString>
#include <algorithm>
#include <cmath>
#include <span>

namespace {
QJsonValue numberOrNull(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

double numberOrNaN(const QJsonValue& v) {
    return v.isDouble() ? v.toDouble() : LatencyStats::nan;
}

// NumPy's _lerp: a + (b-a)*t, evaluated from the nearer end so that t == 1 gives b exactly
// and the result matches numpy.percentile bit for bit on the same doubles.
double lerp(double a, double b, double t) {
    const double diff = b - a;
    return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

// Every percentile with its interval, so compute, toJson and fromJson cannot drift apart.
struct PercentileField {
    LatencyStat stat;
    double q;
    double LatencyStats::*value;
    FigureInterval LatencyStats::*interval;
};
constexpr PercentileField kPercentiles[] = {
    {LatencyStat::P50, 0.50, &LatencyStats::p50, &LatencyStats::p50Ci},
    {LatencyStat::P90, 0.90, &LatencyStats::p90, &LatencyStats::p90Ci},
    {LatencyStat::P95, 0.95, &LatencyStats::p95, &LatencyStats::p95Ci},
    {LatencyStat::P99, 0.99, &LatencyStats::p99, &LatencyStats::p99Ci},
};

QString ciKey(const PercentileField& f) {
    return LatencyNames::key(f.stat) + QLatin1String("_ci95");
}
} // namespace

LatencyStats LatencyStats::compute(QList<double> samples) {
    samples.removeIf([](double v) { return std::isnan(v); });
    LatencyStats s;
    s.count = int(samples.size());
    if (samples.isEmpty())
        return s;
    std::sort(samples.begin(), samples.end());

    double sum = 0.0;
    for (double v : std::as_const(samples))
        sum += v;
    s.mean = sum / double(samples.size());
    // Two-pass variance: no catastrophic cancellation for large, tightly clustered values
    // (e.g. e2e in ms around 10^4 with sub-ms spread).
    double squares = 0.0;
    for (double v : std::as_const(samples))
        squares += (v - s.mean) * (v - s.mean);
    s.std = std::sqrt(squares / double(samples.size()));
    s.min = samples.constFirst();
    s.max = samples.constLast();
    s.p50 = percentileOfSorted(samples, 50.0);
    s.p90 = percentileOfSorted(samples, 90.0);
    s.p95 = percentileOfSorted(samples, 95.0);
    s.p99 = percentileOfSorted(samples, 99.0);
    const std::span<const double> sorted(samples.constData(), std::size_t(samples.size()));
    for (const PercentileField& f : kPercentiles)
        s.*f.interval = FigureInterval::from(PercentileInterval::orderStatistic(sorted, f.q));
    return s;
}

double LatencyStats::percentileOfSorted(const QList<double>& sorted, double percentile) {
    if (sorted.isEmpty() || std::isnan(percentile))
        return nan;
    const double q = std::clamp(percentile, 0.0, 100.0) / 100.0;
    // NumPy's default method "linear": virtual index (n-1)*q between the closest ranks.
    const double rank = double(sorted.size() - 1) * q;
    const double below = std::floor(rank);
    const qsizetype lo = qsizetype(below);
    const qsizetype hi = std::min(lo + 1, sorted.size() - 1);
    const double a = sorted.at(lo);
    const double b = sorted.at(hi);
    return a == b ? a : lerp(a, b, rank - below);
}

double LatencyStats::value(const QString& statName) const {
    const std::optional<LatencyStat> stat = LatencyNames::statFromKey(statName);
    return stat ? LatencyValues::of(*this, *stat) : nan;
}

FigureInterval LatencyStats::interval(const QString& statName) const {
    const std::optional<LatencyStat> stat = LatencyNames::statFromKey(statName);
    return stat ? LatencyValues::intervalOf(*this, *stat) : FigureInterval();
}

QJsonObject LatencyStats::toJson() const {
    QJsonObject o{
        {QStringLiteral("count"), count},           {QStringLiteral("mean"), numberOrNull(mean)},
        {QStringLiteral("std"), numberOrNull(std)}, {QStringLiteral("min"), numberOrNull(min)},
        {QStringLiteral("max"), numberOrNull(max)}, {QStringLiteral("p50"), numberOrNull(p50)},
        {QStringLiteral("p90"), numberOrNull(p90)}, {QStringLiteral("p95"), numberOrNull(p95)},
        {QStringLiteral("p99"), numberOrNull(p99)},
    };
    for (const PercentileField& f : kPercentiles) {
        if ((this->*f.interval).ok())
            o.insert(ciKey(f), (this->*f.interval).toJson());
    }
    return o;
}

LatencyStats LatencyStats::fromJson(const QJsonObject& object) {
    LatencyStats s;
    s.count = std::max(0, object.value(QStringLiteral("count")).toInt());
    s.mean = numberOrNaN(object.value(QStringLiteral("mean")));
    s.std = numberOrNaN(object.value(QStringLiteral("std")));
    s.min = numberOrNaN(object.value(QStringLiteral("min")));
    s.max = numberOrNaN(object.value(QStringLiteral("max")));
    s.p50 = numberOrNaN(object.value(QStringLiteral("p50")));
    s.p90 = numberOrNaN(object.value(QStringLiteral("p90")));
    s.p95 = numberOrNaN(object.value(QStringLiteral("p95")));
    s.p99 = numberOrNaN(object.value(QStringLiteral("p99")));
    for (const PercentileField& f : kPercentiles)
        s.*f.interval = FigureInterval::fromJson(object.value(ciKey(f)));
    return s;
}

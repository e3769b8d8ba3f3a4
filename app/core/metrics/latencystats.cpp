#include "metrics/latencystats.h"

#include "metrics/latencyvalues.h"

#include "stats/percentileinterval.h"
#include "stats/quantile.h"
#include "stats/rankselection.h"

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

// Neumaier's compensated sum: the pooled figures are summed in the source's order, not
// sorted, and this keeps that order from mattering beyond the last bit.
class CompensatedSum {
public:
    void add(double v) {
        const double t = m_sum + v;
        m_carry += std::fabs(m_sum) >= std::fabs(v) ? (m_sum - t) + v : (v - t) + m_sum;
        m_sum = t;
    }
    double value() const { return m_sum + m_carry; }

private:
    double m_sum = 0.0;
    double m_carry = 0.0;
};

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
    if (samples.isEmpty())
        return LatencyStats();
    std::sort(samples.begin(), samples.end());

    double sum = 0.0;
    for (double v : std::as_const(samples))
        sum += v;
    const double mean = sum / double(samples.size());
    // Two-pass variance: no catastrophic cancellation for large, tightly clustered values
    // (e.g. e2e in ms around 10^4 with sub-ms spread).
    double squares = 0.0;
    for (double v : std::as_const(samples))
        squares += (v - mean) * (v - mean);
    const double std = std::sqrt(squares / double(samples.size()));
    return fromOrder(samples.size(), mean, std,
                     [&samples](std::size_t i) { return samples.at(qsizetype(i)); });
}

LatencyStats LatencyStats::fromOrder(qsizetype n, double mean, double std,
                                     const std::function<double(std::size_t)>& sortedAt) {
    LatencyStats s;
    s.count = int(std::min<qsizetype>(n, std::numeric_limits<int>::max()));
    if (n <= 0)
        return s;
    const auto size = std::size_t(n);
    s.mean = mean;
    s.std = std;
    s.min = sortedAt(0);
    s.max = sortedAt(size - 1);
    for (const PercentileField& f : kPercentiles) {
        s.*f.value = Quantile::linearAt(size, sortedAt, f.q);
        s.*f.interval =
            FigureInterval::from(PercentileInterval::orderStatistic(size, sortedAt, f.q));
    }
    return s;
}

LatencyStats LatencyStats::computePooled(const SampleSource& source) {
    RankSelection selection;
    CompensatedSum sum;
    source([&](double v) {
        if (!std::isnan(v)) {
            selection.add(v);
            sum.add(v);
        }
    });
    const qsizetype n = selection.count();
    if (n == 0)
        return LatencyStats();
    const double mean = sum.value() / double(n);
    // Which order statistics the figures read depends on n alone: ask fromOrder itself.
    std::vector<std::int64_t> ranks;
    fromOrder(n, mean, 0.0, [&ranks](std::size_t i) {
        ranks.push_back(std::int64_t(i));
        return 0.0;
    });
    selection.want(ranks);
    // The variance's second pass rides on the selection's first one.
    CompensatedSum squares;
    bool first = true;
    while (first || selection.needsPass()) {
        source([&](double v) {
            if (std::isnan(v))
                return;
            selection.feed(v);
            if (first)
                squares.add((v - mean) * (v - mean));
        });
        selection.endPass();
        first = false;
    }
    return fromOrder(n, mean, std::sqrt(squares.value() / double(n)),
                     [&selection](std::size_t i) { return selection.valueAt(std::int64_t(i)); });
}

double LatencyStats::percentileOfSorted(const QList<double>& sorted, double percentile) {
    if (std::isnan(percentile))
        return nan;
    const double q = std::clamp(percentile, 0.0, 100.0) / 100.0;
    return Quantile::linearOfSorted(std::span<const double>(sorted.constData(), sorted.size()), q);
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

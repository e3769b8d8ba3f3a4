#include "results/betweenruns.h"

#include "metrics/latencyvalues.h"
#include "profile/latencymetric.h"

#include <cmath>

namespace {
bool sameLoad(const LevelSummary& a, bool isRate, int concurrency, double rate) {
    if (a.isRate != isRate)
        return false;
    if (!isRate)
        return a.concurrency == concurrency;
    return std::fabs(a.rate - rate) <= 1e-9 * std::max(1.0, std::fabs(rate));
}

// Each repetition's value at this load (NaN where it has none), and how many completed it.
QList<double> perRunValues(const QList<RunRepetition>& repetitions, const LevelSummary& load,
                           const QString& key) {
    QList<double> values;
    for (const RunRepetition& rep : repetitions) {
        for (const LevelSummary& level : rep.summary.levels) {
            if (level.complete && sameLoad(level, load.isRate, load.concurrency, load.rate)) {
                values.append(BetweenRuns::figureOf(level, key));
                break; // a load measured twice in one run (refine) counts once
            }
        }
    }
    return values;
}
} // namespace

const BetweenRunFigure* BetweenRuns::Level::figure(const QString& key) const {
    for (const auto& [name, value] : figures) {
        if (name == key)
            return &value;
    }
    return nullptr;
}

bool BetweenRuns::Level::matches(const LevelSummary& level) const {
    return sameLoad(level, isRate, concurrency, rate);
}

QJsonObject BetweenRuns::Level::toJson() const {
    QJsonObject object{{QStringLiteral("runs"), runs}};
    for (const auto& [name, value] : figures) {
        if (!value.isEmpty())
            object.insert(name, value.toJson());
    }
    return object;
}

BetweenRuns::Level BetweenRuns::Level::fromJson(const QJsonObject& object,
                                                const LevelSummary& level) {
    Level out;
    out.isRate = level.isRate;
    out.concurrency = level.concurrency;
    out.rate = level.rate;
    out.runs = qBound(0, object.value(QStringLiteral("runs")).toInt(), 1000);
    for (const QString& key : figureKeys())
        out.figures.append(
            {key, BetweenRunFigure::fromJson(object.value(key).toObject(), out.runs)});
    return out;
}

const BetweenRuns::Level* BetweenRuns::level(const LevelSummary& summary) const {
    for (const Level& l : levels) {
        if (l.matches(summary))
            return &l;
    }
    return nullptr;
}

QStringList BetweenRuns::figureKeys() {
    QStringList keys{QStringLiteral("output_tps"), QStringLiteral("request_rps")};
    for (LatencyMetric metric : {LatencyMetric::Ttft, LatencyMetric::Tpot, LatencyMetric::E2e}) {
        for (LatencyStat stat : {LatencyStat::P50, LatencyStat::P95, LatencyStat::P99})
            keys.append(
                QStringLiteral("%1_%2_ms").arg(LatencyNames::key(metric), LatencyNames::key(stat)));
    }
    return keys;
}

double BetweenRuns::figureOf(const LevelSummary& level, const QString& key) {
    if (key == QLatin1String("output_tps"))
        return level.outputThroughputTps;
    if (key == QLatin1String("request_rps"))
        return level.requestThroughputRps;
    const QStringList parts = key.split(QLatin1Char('_')); // metric, stat, "ms"
    const std::optional<LatencyMetric> metric = LatencyNames::metricFromKey(parts.value(0));
    const std::optional<LatencyStat> stat = LatencyNames::statFromKey(parts.value(1));
    if (parts.size() != 3 || !metric || !stat)
        return LevelSummary::nan;
    return LatencyValues::of(LatencyValues::of(level, *metric), *stat);
}

BetweenRuns BetweenRuns::compute(const QList<RunRepetition>& repetitions) {
    BetweenRuns out;
    if (repetitions.size() < 2)
        return out;
    out.runs = int(repetitions.size());
    QList<double> plateaus;
    for (const RunRepetition& rep : repetitions) {
        plateaus.append(rep.summary.plateau.plateauTps);
        for (const LevelSummary& level : rep.summary.levels) {
            if (!level.complete || out.level(level))
                continue;
            Level l;
            l.isRate = level.isRate;
            l.concurrency = level.concurrency;
            l.rate = level.rate;
            for (const QString& key : figureKeys()) {
                const QList<double> values = perRunValues(repetitions, level, key);
                l.runs = int(values.size());
                l.figures.append({key, BetweenRunFigure::of(values)});
            }
            out.levels.append(l);
        }
    }
    out.plateauTps = BetweenRunFigure::of(plateaus);
    return out;
}

#include "results/betweenruns.h"

#include <cmath>

namespace {
bool sameLoad(const LevelSummary& a, bool isRate, int concurrency, double rate) {
    if (a.isRate != isRate)
        return false;
    if (!isRate)
        return a.concurrency == concurrency;
    return std::fabs(a.rate - rate) <= 1e-9 * std::max(1.0, std::fabs(rate));
}

const LatencyStats* latencyOf(const LevelSummary& level, const QString& metric) {
    if (metric == QLatin1String("ttft"))
        return &level.ttftMs;
    if (metric == QLatin1String("tpot"))
        return &level.tpotMs;
    return &level.e2eMs;
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
    for (const char* metric : {"ttft", "tpot", "e2e"}) {
        for (const char* stat : {"p50", "p95", "p99"})
            keys.append(QStringLiteral("%1_%2_ms").arg(QLatin1String(metric), QLatin1String(stat)));
    }
    return keys;
}

double BetweenRuns::figureOf(const LevelSummary& level, const QString& key) {
    if (key == QLatin1String("output_tps"))
        return level.outputThroughputTps;
    if (key == QLatin1String("request_rps"))
        return level.requestThroughputRps;
    const QStringList parts = key.split(QLatin1Char('_')); // metric, stat, "ms"
    if (parts.size() != 3)
        return LevelSummary::nan;
    return latencyOf(level, parts.at(0))->value(parts.at(1));
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

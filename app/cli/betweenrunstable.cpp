#include "cli/betweenrunstable.h"

#include "cli/numberformat.h"
#include "cli/texttable.h"
#include "profile/latencymetric.h"

#include <QStringList>
#include <algorithm>

namespace {
QString header(const QString& key) {
    if (key == QLatin1String("output_tps"))
        return QStringLiteral("out tok/s");
    if (key == QLatin1String("request_rps"))
        return QStringLiteral("req/s");
    const QStringList parts = key.split(QLatin1Char('_')); // ttft, p95, ms
    const std::optional<LatencyMetric> metric = LatencyNames::metricFromKey(parts.value(0));
    return (metric ? LatencyNames::displayName(*metric) : parts.value(0)) + QLatin1Char(' ') +
           parts.value(1);
}

QString cell(const QString& key, const BetweenRunFigure* figure) {
    if (!figure || figure->isEmpty())
        return QStringLiteral("-");
    const bool rate = key == QLatin1String("request_rps");
    const bool latency = key.endsWith(QLatin1String("_ms"));
    const auto format = [&](double v) {
        return rate      ? NumberFormat::decimal(v, 2)
               : latency ? NumberFormat::ms(v)
                         : NumberFormat::count(v);
    };
    const QString mean = format(figure->mean);
    if (!figure->ci.ok())
        return mean;
    // As the run's table: a half-width below what ms shows reads "<0.1", not "±0.0".
    const double half = figure->ci.halfWidth();
    return mean + QStringLiteral(" ±") +
           (latency && half < 0.05 ? QStringLiteral("<0.1") : format(half));
}

QString loadName(const BetweenRuns::Level& level) {
    return level.isRate ? QStringLiteral("%1 rps").arg(level.rate)
                        : QStringLiteral("c=%1").arg(level.concurrency);
}

} // namespace

QString BetweenRunsTable::plateauLine(const BetweenRuns& between) {
    const BetweenRunFigure& p = between.plateauTps;
    if (p.isEmpty())
        return QStringLiteral("Plateau between runs: none measured.\n");
    QString figure = NumberFormat::approx(p.mean);
    if (p.ci.ok())
        figure += QStringLiteral(" ± ") + NumberFormat::count(p.ci.halfWidth());
    return QStringLiteral("Plateau between runs: %1 tok/s over %2 run(s).\n")
        .arg(figure)
        .arg(p.runs);
}

QString BetweenRunsTable::render(const RunResult& result) {
    const BetweenRuns& between = result.betweenRuns;
    if (between.isEmpty())
        return {};
    const QStringList keys = BetweenRuns::figureKeys();
    QStringList head{QStringLiteral("level"), QStringLiteral("runs")};
    for (const QString& key : keys)
        head << header(key);
    QList<BetweenRuns::Level> levels = between.levels;
    std::stable_sort(levels.begin(), levels.end(), [](const auto& a, const auto& b) {
        return (a.isRate ? a.rate : a.concurrency) < (b.isRate ? b.rate : b.concurrency);
    });
    QList<QStringList> rows{head};
    for (const BetweenRuns::Level& level : std::as_const(levels)) {
        QStringList row{loadName(level), NumberFormat::count(level.runs)};
        for (const QString& key : keys)
            row << cell(key, level.figure(key));
        rows.append(row);
    }
    return QStringLiteral("Between %1 runs (each figure: the mean of the runs' values ± half its "
                          "between-run 95% interval, Student t with runs - 1 df):\n")
               .arg(between.runs) +
           TextTable::render(rows) + QStringLiteral("(latencies in ms)\n") + plateauLine(between);
}

#include "cli/servertimingtable.h"

#include "cli/numberformat.h"
#include "cli/texttable.h"
#include "profile/latencymetric.h"
#include "results/servertimingmedians.h"

#include <QStringList>
#include <cmath>

namespace {
const QStringList kHeaders = {QStringLiteral("level"),
                              QStringLiteral("reqs"),
                              LatencyNames::displayName(LatencyMetric::Ttft),
                              QStringLiteral("prompt eval"),
                              QStringLiteral("load"),
                              LatencyNames::displayName(LatencyMetric::Tpot),
                              QStringLiteral("server TPOT"),
                              LatencyNames::displayName(LatencyMetric::E2e),
                              QStringLiteral("server total")};

QString cell(double ms) {
    return std::isfinite(ms) ? NumberFormat::ms(ms) : QStringLiteral("-");
}

QStringList rowOf(const LevelSummary& level, const LevelServerTimings& t) {
    return {level.label(),        NumberFormat::count(t.requests),
            cell(t.ttftMs),       cell(t.promptEvalMs),
            cell(t.loadMs),       cell(t.tpotMs),
            cell(t.serverTpotMs), cell(t.e2eMs),
            cell(t.serverTotalMs)};
}
} // namespace

QString ServerTimingTable::render(const RunResult& result) {
    const QHash<int, LevelServerTimings> medians = ServerTimingMedians::perLevel(result);
    QList<QStringList> rows;
    for (const LevelSummary& level : result.summary.levels) {
        if (const auto it = medians.constFind(level.index); it != medians.cend())
            rows.append(rowOf(level, it.value()));
    }
    if (rows.isEmpty())
        return {};
    rows.prepend(kHeaders);
    return QStringLiteral("The server's own timings beside the client's (ms, medians of "
                          "the same successful requests; server TPOT = eval_duration / "
                          "(eval_count - 1)):\n") +
           TextTable::render(rows);
}

#include "cli/servertimingtable.h"

#include "cli/numberformat.h"
#include "cli/texttable.h"
#include "profile/latencymetric.h"

#include <QStringList>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const QStringList kHeaders = {QStringLiteral("level"),
                              QStringLiteral("reqs"),
                              LatencyNames::displayName(LatencyMetric::Ttft),
                              QStringLiteral("prompt eval"),
                              QStringLiteral("load"),
                              LatencyNames::displayName(LatencyMetric::Tpot),
                              QStringLiteral("server TPOT"),
                              LatencyNames::displayName(LatencyMetric::E2e),
                              QStringLiteral("server total")};

double median(std::vector<double> values) {
    std::erase_if(values, [](double v) { return !std::isfinite(v); });
    if (values.empty())
        return kNaN;
    const auto middle = values.begin() + qsizetype(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    if (values.size() % 2 == 1)
        return *middle;
    return (*middle + *std::max_element(values.begin(), middle)) / 2.0;
}

double nsToMs(qint64 ns) {
    return ns >= 0 ? double(ns) / 1e6 : kNaN;
}

// The server's decode per token after the first, TPOT's own definition.
double serverTpotMs(const RequestRecord& r) {
    return r.serverEvalNs >= 0 && r.outputTokens > 1 ? nsToMs(r.serverEvalNs) / (r.outputTokens - 1)
                                                     : kNaN;
}

QString cell(double ms) {
    return std::isfinite(ms) ? NumberFormat::ms(ms) : QStringLiteral("-");
}

// One level's row; empty when none of its successful measured requests has server timings.
QStringList rowOf(const RunResult& result, const LevelSummary& level) {
    std::vector<double> columns[7];
    int requests = 0;
    for (const RequestRecord& r : result.records) {
        if (r.level != level.index || r.warmup || !r.ok() || !r.hasServerTimings())
            continue;
        ++requests;
        const double values[7] = {r.ttftMs(),
                                  nsToMs(r.serverPromptEvalNs),
                                  nsToMs(r.serverLoadNs),
                                  r.tpotMs(),
                                  serverTpotMs(r),
                                  r.e2eMs(),
                                  nsToMs(r.serverTotalNs)};
        for (int c = 0; c < 7; ++c)
            columns[c].push_back(values[c]);
    }
    if (requests == 0)
        return {};
    QStringList row = {level.label(), NumberFormat::count(requests)};
    for (auto& values : columns)
        row << cell(median(std::move(values)));
    return row;
}
} // namespace

QString ServerTimingTable::render(const RunResult& result) {
    QList<QStringList> rows;
    for (const LevelSummary& level : result.summary.levels) {
        const QStringList row = rowOf(result, level);
        if (!row.isEmpty())
            rows.append(row);
    }
    if (rows.isEmpty())
        return {};
    rows.prepend(kHeaders);
    return QStringLiteral("The server's own timings beside the client's (ms, medians of "
                          "the same successful requests; server TPOT = eval_duration / "
                          "(eval_count - 1)):\n") +
           TextTable::render(rows);
}

#include "results/servertimingmedians.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

enum Figure { Ttft, PromptEval, Load, Tpot, ServerTpot, E2e, ServerTotal, FigureCount };

using Columns = std::array<std::vector<double>, FigureCount>;

double median(std::vector<double>& values) {
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

bool counts(const RequestRecord& r) {
    return !r.warmup && r.ok() && r.hasServerTimings();
}

void add(Columns& columns, const RequestRecord& r) {
    const double values[FigureCount] = {r.ttftMs(),
                                        nsToMs(r.serverPromptEvalNs),
                                        nsToMs(r.serverLoadNs),
                                        r.tpotMs(),
                                        serverTpotMs(r),
                                        r.e2eMs(),
                                        nsToMs(r.serverTotalNs)};
    for (int f = 0; f < FigureCount; ++f)
        columns[f].push_back(values[f]);
}

LevelServerTimings mediansOf(Columns& columns) {
    LevelServerTimings t;
    t.requests = int(columns[Ttft].size());
    t.ttftMs = median(columns[Ttft]);
    t.promptEvalMs = median(columns[PromptEval]);
    t.loadMs = median(columns[Load]);
    t.tpotMs = median(columns[Tpot]);
    t.serverTpotMs = median(columns[ServerTpot]);
    t.e2eMs = median(columns[E2e]);
    t.serverTotalMs = median(columns[ServerTotal]);
    return t;
}
} // namespace

QHash<int, LevelServerTimings> ServerTimingMedians::perLevel(const RunResult& result) {
    QHash<int, Columns> byLevel;
    for (const RequestRecord& r : result.records) {
        if (counts(r))
            add(byLevel[r.level], r);
    }
    QHash<int, LevelServerTimings> medians;
    for (auto it = byLevel.begin(); it != byLevel.end(); ++it)
        medians.insert(it.key(), mediansOf(it.value()));
    return medians;
}

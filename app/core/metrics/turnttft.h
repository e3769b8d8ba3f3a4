#pragma once

#include "record/recordstore.h"

#include <QJsonArray>
#include <QList>
#include <limits>

// TTFT of one turn index of a conversation workload, over a level's measured (non-warm-up)
// successful requests of that turn (docs/METRICS.md "TTFT by turn"): later turns carry the
// whole history, so their prefill grows, unless a prefix cache serves the history.
struct TurnTtft {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    int turn = 0;     // 0-based turn index
    int requests = 0; // successful measured requests of this turn
    double ttftP50Ms = nan;
    double ttftP90Ms = nan;
    double ttftP99Ms = nan;
    double inputTokensMean = nan;

    // One row per turn index present among the records, in turn order; empty when no
    // request belongs to a conversation.
    static QList<TurnTtft> byTurn(const RecordStore& records);

    // [{"turn", "requests", "ttft_p50_ms", "ttft_p90_ms", "ttft_p99_ms",
    //   "input_tokens_mean"}, ...]; NaN -> null. fromJson skips rows that are not objects.
    static QJsonArray toJson(const QList<TurnTtft>& rows);
    static QList<TurnTtft> fromJson(const QJsonArray& array);
};

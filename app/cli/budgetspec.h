#pragma once

#include "profile/latencybudget.h"

#include <QString>
#include <optional>

// The command-line form of a latency budget: "ttft:p95<=500,tpot:p50<=50,e2e:p95<=10s".
// Each limit is METRIC:STAT<=VALUE with METRIC ttft|tpot|e2e|itl, STAT
// mean|p50|p90|p95|p99|max and VALUE in ms (or with an "ms" / "s" suffix).
// An empty text is an empty budget (it clears a profile's budget).
class BudgetSpec {
public:
    static std::optional<LatencyBudget> parse(const QString& text, QString* error);
    static QString format(const LatencyBudget& budget);
};

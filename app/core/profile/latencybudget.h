#pragma once

#include "profile/latencymetric.h"

#include <QList>

// A latency limit such as "TTFT p95 <= 500 ms". The metric is one of
// LatencyNames::budgetMetrics() and the stat one of budgetStats() (ProfileValidator checks).
struct LatencyLimit {
    LatencyMetric metric = LatencyMetric::E2e;
    LatencyStat stat = LatencyStat::P95;
    double maxMs = 0.0;
    bool operator==(const LatencyLimit&) const = default;
};

struct LatencyBudget {
    QList<LatencyLimit> limits; // all must hold; empty = no budget
    bool isEmpty() const { return limits.isEmpty(); }
    bool operator==(const LatencyBudget&) const = default;
};

#pragma once

#include <QList>
#include <QString>

// A latency limit such as "TTFT p95 <= 500 ms".
struct LatencyLimit {
    QString metric = QStringLiteral("e2e"); // "ttft", "tpot", "e2e", "itl"
    QString stat = QStringLiteral("p95");   // "mean", "p50", "p90", "p95", "p99", "max"
    double maxMs = 0.0;
    bool operator==(const LatencyLimit&) const = default;
};

struct LatencyBudget {
    QList<LatencyLimit> limits; // all must hold; empty = no budget
    bool isEmpty() const { return limits.isEmpty(); }
    bool operator==(const LatencyBudget&) const = default;
};

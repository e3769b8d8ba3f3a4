#pragma once

#include "results/runresult.h"

#include <QString>

// The plain-language summary of a run shown above the tables, e.g. "Throughput plateaus
// at ~7,900 tok/s from concurrency 96; within your budget (TTFT p95 ≤ 500 ms) the best is
// concurrency 48: 6,100 tok/s, TTFT p95 410 ms." Words for every case: still running,
// not plateaued, no budget, nothing in budget, errors, a client-bound level, early stop.
class SummaryText {
public:
    static QString describe(const RunResult& result, bool live = false);

private:
    static QString throughputClause(const RunResult& result, bool live);
    static QString budgetClause(const RunResult& result);
    static QString errorSentence(const RunResult& result);
    static QString clientSentence(const RunResult& result);
    static QString stopSentence(const RunResult& result, bool live);
};

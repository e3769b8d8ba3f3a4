#pragma once

#include "results/runresult.h"

#include <QJsonObject>

// The repeated run's additions to plateau.results/1 (issue 13), absent for a single run so
// that such a file reads exactly as before, and ignored by older readers:
//   "repeats": [{"repetition": k, "started_at", "seed", "stop_reason", "cancelled",
//                "journal", "plateau", "best_in_budget", "levels": [level + run_info]}...]
//   "between_runs": {"runs": N, "plateau_tps": {"mean", "ci95": [lo, hi]}}
//   and in each of the top-level "levels" (the first repetition's), "between_runs":
//   {"runs": n, "output_tps": {"mean", "ci95"}, "request_rps": ..., "ttft_p95_ms": ...}.
// Times in a repetition's run_info are relative to that repetition's own start.
class RepeatsJson {
public:
    // Adds the keys above to a results object ResultsJson has built (levels included).
    static void addTo(const RunResult& result, QJsonObject* object);
    // Reads them back into a result whose top-level levels are already read.
    static void readInto(const QJsonObject& object, qint64 runStartNs, RunResult* result);
};

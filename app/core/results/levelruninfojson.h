#pragma once

#include "record/levelruninfo.h"

#include <QJsonObject>

// LevelRunInfo <-> JSON, in the journal's absolute-ns form and the results file's
// ms-from-run-start form ("run_info" of each level).
class LevelRunInfoJson {
public:
    // {"index","isRate","concurrency","rate","warmupRequests","startNs","issueStopNs",
    //  "endNs","clientCpuSeconds","eventLoopLagP99Ms","complete"}, plus
    // "conversations_started"/"conversations_completed" when the level ran conversations
    static QJsonObject toJournalJson(const LevelRunInfo& info);
    static LevelRunInfo fromJournalJson(const QJsonObject& object);
    // {"index","is_rate","concurrency","rate","warmup_requests","start_ms","issue_stop_ms",
    //  "end_ms","client_cpu_s","event_loop_lag_p99_ms","complete"}; null for unknown times.
    static QJsonObject toResultsJson(const LevelRunInfo& info, qint64 runStartNs);
    static LevelRunInfo fromResultsJson(const QJsonObject& object, qint64 runStartNs);
    // An until-stable level's end (issue 13), the level's "stability" in the results and in
    // the journal's level_end line: {"ended": "stable"|"max_time"|"stopped", "latency":
    // "ttft:p95", "throughput_half_width_pct", "latency_half_width_pct"} (null: no interval).
    static QJsonObject stabilityToJson(const LevelRunInfo& info);
    static LevelRunInfo::Stability stabilityFromJson(const QJsonValue& value);
};

#pragma once

#include "results/calibrationinfo.h"

#include <QJsonObject>

// CalibrationInfo <-> JSON.
//
// Results form (top-level "calibration"): {"method","overhead_tokens",
// "tokens_per_estimated_token","probe_estimated_tokens":[..],"message","probes":[request
// objects exactly as in requests[], level -1]}.
//
// Journal form: every probe is its own {"type":"calibration_probe",...journal record}
// line, written as it finishes; the decision is one {"type":"calibration","method",
// "overheadTokens","tokensPerEstimatedToken","probeEstimatedTokens","message"} line.
class CalibrationJson {
public:
    static QJsonObject toResultsJson(const CalibrationInfo& info, qint64 runStartNs);
    // Never fails: absent or mistyped fields keep CalibrationInfo's defaults.
    static CalibrationInfo fromResultsJson(const QJsonObject& object, qint64 runStartNs);
    // The decision line's fields (without "type" and without the probes).
    static QJsonObject toJournalJson(const CalibrationInfo& info);
    // Applies a decision line to `info` (its probes are left as they are).
    static void applyJournalJson(const QJsonObject& object, CalibrationInfo* info);
};

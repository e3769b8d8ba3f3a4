#pragma once

#include "record/requestrecord.h"

#include <QList>
#include <QString>

// How a run sized its synthetic prompts against the server's own token count, and the
// probe requests that told it. The probes are real requests (a failed one is kept with
// its error class) but never measured ones: they stay out of requests[], the levels'
// statistics, the CSV and the vLLM export.
struct CalibrationInfo {
    // "two_point": tokens = overheadTokens + tokensPerEstimatedToken * words;
    // "factor": one factor, no overhead; "none": the generator's estimate (no usable probe).
    // Empty: no calibration was attempted (prompts from a file, or calibration off).
    QString method;
    double overheadTokens = 0.0;
    double tokensPerEstimatedToken = 1.0;
    QList<RequestRecord> probes;     // level -1, in the order they were sent
    QList<int> probeEstimatedTokens; // per probe: its word count (the uncalibrated estimate)
    QString message;                 // what was decided and why, in plain words

    bool isEmpty() const { return method.isEmpty() && probes.isEmpty(); }
};

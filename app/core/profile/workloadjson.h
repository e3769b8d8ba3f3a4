#pragma once

#include "profile/workloadsettings.h"

#include <QJsonObject>
#include <QString>

// The "workload" section of a plateau.profile/2 file:
//   {"kind": "dataset",
//    "input": {"kind": "uniform", "min": 100, "max": 900},      (optional: LengthDistributionJson)
//    "output": {"kind": "fixed", "value": 128},                 (optional)
//    "dataset": {"path": "sharegpt.json", "format": "auto", "sample": 1000,
//                "with_replacement": false, "shuffle": false, "min_prompt_words": 0,
//                "max_prompt_words": 1000000, "output_from_reference": true},
//    "shared_prefix": {"enabled": true, "groups": 8, "prefix_tokens": 512, "share": 1.0},
//    "conversations": {"turns": 4, "think_time_ms": 0},
//    "trace": {"path": "trace.jsonl", "speed": 1.0, "window_start_s": 0, "window_end_s": -1}}
// Strict like the rest of the profile: unknown fields, wrong types and values out of bounds
// fail with the field's path ("workload.trace.speed").
class WorkloadJson {
public:
    static QJsonObject toJson(const WorkloadSettings& settings);
    // Fills *settings (absent fields keep their values); false with *error on the first
    // problem.
    static bool fromJson(const QJsonObject& object, WorkloadSettings* settings, QString* error);
};

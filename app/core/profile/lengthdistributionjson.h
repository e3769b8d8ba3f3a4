#pragma once

#include "profile/lengthdistribution.h"

#include <QJsonObject>
#include <QString>

#include <optional>

// A LengthDistribution in a profile:
//   {"kind": "fixed", "value": 256}
//   {"kind": "uniform", "min": 128, "max": 512}
//   {"kind": "normal", "mean": 300, "sd": 50, "min": 1, "max": 1000000}
//   {"kind": "lognormal", "median": 200, "sigma": 0.6, "min": 1, "max": 1000000}
//   {"kind": "empirical", "file": "sharegpt.json"}   or   {"kind": "empirical", "values": [..]}
// Reading is strict like the profile loader: a missing required field, a wrong type, an
// out-of-range value or an unknown field fails with the field's path.
class LengthDistributionJson {
public:
    static QJsonObject toJson(const LengthDistribution& distribution);
    // path: where the object sits in the profile ("workload.input"), for messages.
    static std::optional<LengthDistribution> fromJson(const QJsonObject& object,
                                                      const QString& path, QString* error);
};

#pragma once

#include "profile/lengthdistribution.h"

#include <QString>

// A prefix-cache workload: `groups` groups, each with a common prefix of `prefixWords`
// words (sent as the system prompt); a share `reuseShare` of the requests belong to a group
// chosen uniformly, the others get a prefix of the same length of their own (so input
// lengths do not depend on the share and runs with and without sharing compare); every
// request adds a suffix of its own, of a length drawn from `suffix`.
struct SharedPrefixOptions {
    static constexpr int kMaxGroups = 10'000;

    int groups = 8;
    int prefixWords = 512;
    double reuseShare = 1.0;
    LengthDistribution suffix = LengthDistribution::fixed(128);

    QString validate() const; // "" when usable
    bool operator==(const SharedPrefixOptions&) const = default;
};

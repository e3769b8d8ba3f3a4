#pragma once

#include "metrics/sweepsummary.h"

#include <QString>

// The conversation figures below the summary (issue 16): per level its conversations
// (started, answered on every turn), then one row per turn index: successful requests,
// TTFT p50/p90/p99 and the mean input tokens (the history grows with the turn). Empty when
// no level ran conversations.
class TurnTable {
public:
    static QString render(const SweepSummary& summary);
};

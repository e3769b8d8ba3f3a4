#include "profile/profile.h"

Profile Profile::defaultProfile() {
    Profile profile;
    profile.name = QStringLiteral("Built-in simulator sweep");
    profile.plan.concurrencies = {1, 2, 4, 8, 16, 32, 64, 128};
    profile.plan.durationPerLevelS = 6.0;
    profile.plan.stopAtPlateau = false;
    profile.prompts.inputTokens = 256;
    profile.prompts.outputTokens = 128;
    profile.budget.limits = {LatencyLimit{LatencyMetric::Ttft, LatencyStat::P95, 500.0},
                             LatencyLimit{LatencyMetric::E2e, LatencyStat::P95, 3000.0}};
    return profile;
}

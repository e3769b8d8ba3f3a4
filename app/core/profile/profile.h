#pragma once

#include "profile/endpointconfig.h"
#include "profile/latencybudget.h"
#include "profile/promptsource.h"
#include "profile/sweepplan.h"

#include <QList>
#include <QString>

// A benchmark profile (schema "plateau.profile/1"): what to hit and how.
struct Profile {
    static constexpr int schemaVersion = 1;

    QString name = QStringLiteral("Untitled");
    QList<EndpointConfig> endpoints = {EndpointConfig{}};
    int activeEndpoint = 0; // index into endpoints used by a run
    SweepPlan plan;
    PromptSource prompts;
    LatencyBudget budget;

    const EndpointConfig& endpoint() const { return endpoints.at(activeEndpoint); }
    bool operator==(const Profile&) const = default;

    // The profile a first start opens: the built-in simulator, a ~1 minute sweep 1..128.
    static Profile defaultProfile();
};

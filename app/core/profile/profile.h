#pragma once

#include "profile/endpointconfig.h"
#include "profile/latencybudget.h"
#include "profile/promptsource.h"
#include "profile/sweepplan.h"
#include "profile/workloadsettings.h"

#include <QList>
#include <QString>

// A benchmark profile (schema "plateau.profile/2"; files of schema 1 still load): what to hit
// and how.
struct Profile {
    static constexpr int schemaVersion = 2;
    static constexpr int oldestSchemaVersion = 1; // read, never written

    QString name = QStringLiteral("Untitled");
    QList<EndpointConfig> endpoints = {EndpointConfig{}};
    int activeEndpoint = 0; // index into endpoints used by a run
    SweepPlan plan;
    PromptSource prompts;
    WorkloadSettings workload; // schema 2; a schema-1 file loads with the defaults
    LatencyBudget budget;

    const EndpointConfig& endpoint() const { return endpoints.at(activeEndpoint); }
    bool operator==(const Profile&) const = default;

    // The profile a first start opens: the built-in simulator, a ~1 minute sweep 1..128.
    static Profile defaultProfile();
};

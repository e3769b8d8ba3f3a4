#pragma once

#include "load/levelspec.h"
#include "metrics/sweepsummary.h"
#include "profile/profile.h"
#include "record/levelruninfo.h"
#include "record/requestrecord.h"
#include "sweep/levelstabilitymonitor.h"
#include "sweep/runprogress.h"
#include "transport/engineoptions.h"

#include <QString>
#include <optional>

// The levels a sweep decides on while it runs (issue 13), kept out of SweepEngine: an
// "until stable" level stops issuing once it is sure (LevelStabilityMonitor), and refine
// appends levels between the heaviest load that met the budget and the lightest that broke
// it (RefineSearch). Lives on the engine thread.
class AdaptiveLevels {
public:
    AdaptiveLevels(const Profile& profile, const EngineOptions& options);

    // A level starts: watched when it runs until stable.
    void beginLevel(const LevelSpec& spec, qint64 startNs, qint64 contentEvents);
    void onRecord(const RequestRecord& record);
    // At each progress tick while the level issues: the stability readout for the progress
    // snapshot (inactive for other levels); true when the level should stop issuing now.
    bool tick(qint64 nowNs, qint64 contentEvents, RunProgress::Stability* progress);
    // How an until-stable level ended ("stable after 7.2 s: ..."); "" for other levels.
    QString verdict(const LevelRunInfo& level) const;
    // The same for the results: empty (ended "") for other levels.
    LevelRunInfo::Stability stability(const LevelRunInfo& level) const;

    // Refine: the next level to run at `index`, or none when the search is over (or off).
    // *notice says what is measured and why, or what the search found.
    std::optional<LevelSpec> nextRefineLevel(const SweepSummary& sweep, int index, QString* notice);
    bool refining() const { return m_refineLevels > 0; }

private:
    SweepPlan m_plan;
    bool m_hasBudget;
    EngineOptions m_options;
    int m_refineLevels = 0;
    std::optional<LevelStabilityMonitor> m_stability;
};

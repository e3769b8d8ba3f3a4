#include "sweep/adaptivelevels.h"

#include "sweep/refinesearch.h"

#include <algorithm>
#include <cmath>

AdaptiveLevels::AdaptiveLevels(const Profile& profile, const EngineOptions& options)
    : m_plan(profile.plan)
    , m_hasBudget(!profile.budget.isEmpty())
    , m_options(options) {}

void AdaptiveLevels::beginLevel(const LevelSpec& spec, qint64 startNs, qint64 contentEvents) {
    m_stability.reset();
    if (spec.untilStable.enabled)
        m_stability.emplace(spec.untilStable, startNs, contentEvents, spec.rampS);
}

void AdaptiveLevels::onRecord(const RequestRecord& record) {
    if (m_stability)
        m_stability->onRecord(record);
}

bool AdaptiveLevels::tick(qint64 nowNs, qint64 contentEvents, RunProgress::Stability* progress) {
    if (!m_stability)
        return false;
    m_stability->sample(nowNs, contentEvents);
    const StabilityDecision& decision = m_stability->evaluate(nowNs);
    const SweepPlan::UntilStable& targets = m_plan.untilStable;
    *progress = {true,
                 decision.throughputRelHalfWidth,
                 decision.percentileRelHalfWidth,
                 targets.throughputHalfWidth,
                 targets.latencyHalfWidth,
                 m_stability->latencyName(),
                 std::isfinite(decision.secondsLeft) ? decision.secondsLeft : -1.0};
    // At the maximum the driver's own duration ends the level.
    return decision.stop && decision.reason == "stable";
}

QString AdaptiveLevels::verdict(const LevelRunInfo& level) const {
    if (!m_stability)
        return {};
    return m_stability->verdict(double(level.issueStopNs - level.startNs) / 1e9);
}

LevelRunInfo::Stability AdaptiveLevels::stability(const LevelRunInfo& level) const {
    return m_stability ? m_stability->outcome(level.complete) : LevelRunInfo::Stability{};
}

std::optional<LevelSpec> AdaptiveLevels::nextRefineLevel(const SweepSummary& sweep, int index,
                                                         QString* notice) {
    if (!m_plan.refine.enabled)
        return std::nullopt;
    QString why;
    const auto probe = RefineSearch::next(sweep, m_plan, m_hasBudget, m_refineLevels, &why);
    if (!probe) {
        const QString found = RefineSearch::conclusion(sweep, m_plan);
        *notice = QStringLiteral("refine: done after %1 extra levels (%2)%3")
                      .arg(m_refineLevels)
                      .arg(why, found.isEmpty() ? QString() : QStringLiteral(": ") + found);
        return std::nullopt;
    }
    SweepPlan extended = m_plan; // the probe at the new level's index, so its seed is its own
    extended.concurrencies.resize(std::max(extended.concurrencies.size(), qsizetype(index + 1)));
    extended.rates.resize(std::max(extended.rates.size(), qsizetype(index + 1)));
    extended.concurrencies[index] = probe->concurrency;
    extended.rates[index] = probe->rate;
    const LevelSpec spec = LevelSpec::fromPlan(extended, index, m_options);
    ++m_refineLevels;
    *notice = QStringLiteral("refine: measuring %1, %2").arg(spec.label(), probe->why);
    return spec;
}

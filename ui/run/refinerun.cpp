#include "run/refinerun.h"

#include "models/levelmetrics.h"
#include "models/runcollection.h"
#include "profile/apikeyresolver.h"
#include "results/runcontinuation.h"
#include "run/runcontroller.h"
#include "sim/simlocalendpoint.h"
#include "sweep/refinesearch.h"
#include "sweep/sweeprunner.h"

#include <cmath>

RefineRun::RefineRun(RunCollection* runs, QObject* parent)
    : QObject(parent)
    , m_runs(runs) {}

RefineRun::~RefineRun() {
    if (m_runner)
        m_runner->stop();
}

QString RefineRun::runProblem(int runId) const {
    const RunCollection::Run* run = m_runs->run(runId);
    if (!run)
        return tr("No run selected");
    if (isRunning())
        return tr("Already measuring more levels");
    if (run->live)
        return tr("The run is still measuring");
    if (run->result.levels.isEmpty() || run->result.runStartNs < 0)
        return tr("Refine continues a run that measured at least one level");
    if (ApiKeyResolver::isKeychainReference(run->result.profile.endpoint().apiKeyRef))
        return tr("Refine cannot read the keychain key yet: start a new run");
    return {};
}

std::optional<double> RefineRun::nextLoad(const RunResult& run, Target target, QString* why) const {
    const SweepPlan& plan = run.profile.plan;
    if (target == Target::BudgetBoundary) {
        SweepPlan refinePlan = plan;
        refinePlan.refine.enabled = true; // the button asks for it whatever the plan said
        const std::optional<RefineSearch::Probe> probe =
            RefineSearch::next(run.summary, refinePlan, !run.profile.budget.isEmpty(),
                               m_target ? m_levelsAdded : 0, why);
        if (!probe)
            return std::nullopt;
        return probe->isRate ? probe->rate : double(probe->concurrency);
    }
    // Around the knee: the whole concurrencies either side of it not measured yet (two at
    // most: each new level moves the knee a little, and this must end).
    if (m_target && m_levelsAdded >= 2) {
        *why = tr("both sides of the knee are measured");
        return std::nullopt;
    }
    const PlateauResult& plateau = run.summary.plateau;
    if (!plateau.plateaued || !std::isfinite(plateau.kneeConcurrency) ||
        plan.mode == SweepPlan::Mode::Rate) {
        *why = tr("no knee: the throughput has not levelled off (or a rate sweep)");
        return std::nullopt;
    }
    for (const double load :
         {std::floor(plateau.kneeConcurrency), std::ceil(plateau.kneeConcurrency)}) {
        bool measured = load < 1.0;
        for (const LevelSummary& level : run.summary.levels)
            measured = measured || LevelMetrics::loadValue(level) == load;
        if (!measured)
            return load;
    }
    *why = tr("the concurrencies either side of the knee are measured");
    return std::nullopt;
}

QString RefineRun::unavailableReason(int runId, Target target) const {
    if (const QString problem = runProblem(runId); !problem.isEmpty())
        return problem;
    QString why;
    return nextLoad(m_runs->run(runId)->result, target, &why) ? QString() : why;
}

bool RefineRun::refine(int runId, Target target) {
    if (!unavailableReason(runId, target).isEmpty())
        return false;
    m_runId = runId;
    m_target = target;
    m_levelsAdded = 0;
    QString why;
    measure(*nextLoad(m_runs->run(runId)->result, target, &why));
    return true;
}

bool RefineRun::measureAt(int runId, double load) {
    if (!runProblem(runId).isEmpty() || !(load > 0.0))
        return false;
    m_runId = runId;
    m_target.reset();
    m_levelsAdded = 0;
    measure(load);
    return true;
}

void RefineRun::stop() {
    m_stopping = true;
    if (m_runner)
        m_runner->stop();
}

void RefineRun::measure(double load) {
    // One level of the run's own profile: the same endpoint, workload and level length.
    Profile profile = m_runs->run(m_runId)->result.profile;
    SweepPlan& plan = profile.plan;
    if (plan.mode == SweepPlan::Mode::Rate)
        plan.rates = {load};
    else
        plan.concurrencies = {int(std::lround(load))};
    plan.refine.enabled = false;
    m_stopping = false;
    m_runner = new SweepRunner(this);
    m_runner->setProfile(profile);
    m_journalPath = RunController::newJournalPath();
    m_runner->setJournalPath(m_journalPath);
    m_runner->setLocalEndpointFactory(SimLocalEndpoint::factory());
    connect(m_runner, &SweepRunner::finished, this, &RefineRun::onLevelMeasured);
    Q_EMIT runningChanged(true);
    m_runner->start();
}

void RefineRun::onLevelMeasured(const RunResult& more) {
    m_runner->deleteLater();
    m_runner = nullptr;
    const RunCollection::Run* run = m_runs->run(m_runId);
    if (!run) {
        finish(tr("The run was removed"));
        return;
    }
    RunResult merged = run->result;
    RunResult continued = more;
    if (RunContinuation::isLoaded(merged)) // its own clock: the new level goes after its end
        RunContinuation::rebase(continued,
                                RunContinuation::endNs(merged) + RunContinuation::kLoadedGapNs);
    QString error;
    if (!RunContinuation::append(merged, continued, &error)) {
        finish(more.stopDetail.isEmpty() ? error : more.stopDetail);
        return;
    }
    m_runs->updateRun(m_runId, merged, false);
    ++m_levelsAdded;
    Q_EMIT levelAdded(m_runId, merged.summary.levels.constLast().label());
    QString why;
    const std::optional<double> next =
        m_target && !m_stopping && merged.summary.levels.constLast().complete
            ? nextLoad(merged, *m_target, &why)
            : std::nullopt;
    if (next) {
        measure(*next);
        return;
    }
    const QString found = RefineSearch::conclusion(merged.summary, merged.profile.plan);
    finish(m_target == Target::BudgetBoundary && !found.isEmpty()
               ? tr("Refine: %1").arg(found)
               : tr("Measured %n more level(s)", nullptr, m_levelsAdded));
}

void RefineRun::finish(const QString& message) {
    const int id = m_runId;
    m_target.reset();
    Q_EMIT runningChanged(false);
    Q_EMIT finished(id, message);
}

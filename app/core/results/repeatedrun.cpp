#include "results/repeatedrun.h"

#include "results/betweenruns.h"

namespace {
SweepPlan withoutSeed(SweepPlan plan) {
    plan.seed = 0;
    return plan;
}

// "" when `run` is another repetition of `first`'s run, else what differs.
QString difference(const RunResult& first, const RunResult& run) {
    if (withoutSeed(run.profile.plan) != withoutSeed(first.profile.plan))
        return QStringLiteral("its sweep plan differs");
    const EndpointConfig& a = first.profile.endpoint();
    const EndpointConfig& b = run.profile.endpoint();
    if (a.url != b.url || a.flavor != b.flavor || a.model != b.model)
        return QStringLiteral("it measured another endpoint (%1)").arg(b.url.toString());
    if (run.runStartNs == first.runStartNs && run.startedAt == first.startedAt)
        return QStringLiteral("it is the same repetition as the first journal");
    return QString();
}
} // namespace

bool RepeatedRun::endsSeries(const RunResult& run) {
    switch (run.stopReason) {
    case StopReason::Cancelled:
    case StopReason::Unreachable:
    case StopReason::InvalidProfile:
    case StopReason::Error:
    case StopReason::Interrupted:
        return true;
    default:
        return run.cancelled;
    }
}

RunResult RepeatedRun::combine(const QList<RunResult>& runs) {
    if (runs.isEmpty())
        return {};
    RunResult result = runs.constFirst();
    if (runs.size() == 1)
        return result;
    result.repeats.clear();
    for (qsizetype i = 0; i < runs.size(); ++i) {
        result.repeats.append(RunRepetition::of(runs.at(i), int(i) + 1));
        result.cancelled = result.cancelled || runs.at(i).cancelled;
    }
    const RunResult& last = runs.constLast();
    if (endsSeries(last)) {
        result.stopReason = last.stopReason;
        result.stopDetail = last.stopDetail;
    }
    result.betweenRuns = BetweenRuns::compute(result.repeats);
    return result;
}

bool RepeatedRun::belongTogether(const QList<RunResult>& runs, const QStringList& names,
                                 QString* why) {
    if (runs.size() < 2)
        return true;
    const RunResult& first = runs.constFirst();
    const int planned = first.profile.plan.repeat;
    if (planned < 2) {
        *why = QStringLiteral("%1 is a single run (its plan has repeat 1), not the first "
                              "repetition of a repeated run: recover it on its own")
                   .arg(names.value(0));
        return false;
    }
    if (runs.size() > planned) {
        *why =
            QStringLiteral("%1 journals for a run of %2 repetitions").arg(runs.size()).arg(planned);
        return false;
    }
    for (qsizetype i = 1; i < runs.size(); ++i) {
        const QString differs = difference(first, runs.at(i));
        if (differs.isEmpty())
            continue;
        *why = QStringLiteral("%1 is not a repetition of the run in %2: %3")
                   .arg(names.value(i), names.value(0), differs);
        return false;
    }
    return true;
}

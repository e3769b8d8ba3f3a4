#include "results/repeatedrun.h"

#include "results/betweenruns.h"

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

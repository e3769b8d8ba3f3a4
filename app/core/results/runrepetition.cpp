#include "results/runrepetition.h"

#include "results/runresult.h"

RunRepetition RunRepetition::of(const RunResult& run, int number) {
    RunRepetition rep;
    rep.number = number;
    rep.startedAt = run.startedAt;
    rep.runStartNs = run.runStartNs;
    rep.seed = run.profile.plan.seed;
    rep.stopReason = run.stopReason;
    rep.cancelled = run.cancelled;
    rep.journalPath = run.journal.path;
    rep.levels = run.levels;
    rep.summary = run.summary;
    return rep;
}

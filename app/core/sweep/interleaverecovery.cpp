#include "sweep/interleaverecovery.h"

#include "results/journalreader.h"
#include "results/repeatedrun.h"
#include "sweep/interleaverunner.h"

#include <QFileInfo>

namespace {
// What a level measured: its concurrency or rate, as the plan says it.
QString levelLoad(const SweepPlan& plan) {
    return plan.mode == SweepPlan::Mode::Rate
               ? QStringLiteral("%1 rps").arg(plan.rates.value(0))
               : QStringLiteral("c=%1").arg(plan.concurrencies.value(0));
}

QString notSides(const QString& a, const QString& b, const QString& why) {
    return QStringLiteral("%1 and %2 are not the two sides of one interleaved run: %3")
        .arg(a, b, why);
}

// Why the first journals of A and B cannot be one interleaved run's, or "".
QString mismatch(const RunResult& a, const RunResult& b) {
    const SweepPlan& pa = a.profile.plan;
    const SweepPlan& pb = b.profile.plan;
    if (pa.seed != pb.seed)
        return QStringLiteral("their first levels were measured with different prompts (seed %1 "
                              "and %2), an interleaved run gives both sides the same")
            .arg(pa.seed)
            .arg(pb.seed);
    if (pa.mode != pb.mode || levelLoad(pa) != levelLoad(pb))
        return QStringLiteral("their first levels differ (%1 and %2)")
            .arg(levelLoad(pa), levelLoad(pb));
    if (a.profile.endpoint().url == b.profile.endpoint().url)
        return QStringLiteral("both measured the same endpoint");
    return {};
}
} // namespace

bool InterleaveRecovery::isLevelJournal(const RunResult& run) {
    return run.profile.plan.levelCount() == 1 && run.profile.plan.repeat == 1;
}

std::optional<InterleaveRecovery::Sides>
InterleaveRecovery::recover(const QString& journalA, const QString& journalB, QString* error) {
    Sides sides;
    const QString first[2] = {journalA, journalB};
    RunResult firsts[2];
    for (int side = 0; side < 2; ++side) {
        QString warning;
        const auto run = JournalReader::read(first[side], error, &warning);
        if (!run)
            return std::nullopt;
        if (!isLevelJournal(*run)) {
            *error = notSides(journalA, journalB,
                              QStringLiteral("%1 journals a run of %2 levels in one file (a plain "
                                             "run: recover it on its own)")
                                  .arg(first[side])
                                  .arg(run->profile.plan.levelCount()));
            return std::nullopt;
        }
        firsts[side] = *run;
    }
    const QString why = mismatch(firsts[0], firsts[1]);
    if (!why.isEmpty()) {
        *error = notSides(journalA, journalB, why);
        return std::nullopt;
    }
    // The run's base seed, from its first level's (InterleaveRunner::stepSeed).
    const quint64 base = firsts[0].profile.plan.seed - 1;
    for (int side = 0; side < 2; ++side) {
        QList<RunResult> runs;
        bool goOn = true;
        for (int rep = 0; goOn && rep < SweepPlan::kMaxRepeat; ++rep) {
            int level = 0;
            for (; goOn && level < kMaxLevels; ++level) {
                const QString path = InterleaveRunner::journalPathFor(first[side], level, rep);
                if (!QFileInfo::exists(path))
                    break;
                QString warning;
                const auto run = JournalReader::read(path, error, &warning);
                if (!run)
                    return std::nullopt;
                if (!warning.isEmpty())
                    sides.notes.append(warning.simplified());
                if (!isLevelJournal(*run) ||
                    run->profile.plan.seed != InterleaveRunner::stepSeed(base, level, rep)) {
                    sides.notes.append(QStringLiteral("%1 left out: not a level of this "
                                                      "interleaved run (another run's journal?)")
                                           .arg(path));
                    goOn = false;
                    break;
                }
                sides.journals[side].append(path);
                QString stepError;
                goOn = InterleaveRunner::addStep(runs, rep, *run, &stepError);
                if (!stepError.isEmpty())
                    sides.notes.append(stepError);
            }
            if (level == 0)
                break; // no repetition `rep`
        }
        (side == 0 ? sides.a : sides.b) = RepeatedRun::combine(runs);
    }
    return sides;
}

#include "sweep/stoprules.h"

#include "metrics/budgetevaluator.h"

StopDecision StopRules::afterLevel(const SweepPlan& plan, const LatencyBudget& budget,
                                   const SweepSummary& sweep, int levelIndex) {
    StopDecision decision;
    if (levelIndex < 0 || levelIndex >= sweep.levels.size())
        return decision;
    const LevelSummary& level = sweep.levels.at(levelIndex);

    if (plan.maxErrorRate < 1.0 && level.requests > 0 && level.errorRate() > plan.maxErrorRate) {
        decision.stop = true;
        decision.reason = StopReason::ErrorRate;
        decision.notice =
            QStringLiteral("stopping: error rate %1% at %2 exceeds the limit of %3%")
                .arg(QString::number(level.errorRate() * 100.0, 'f', 0), level.label(),
                     QString::number(plan.maxErrorRate * 100.0, 'f', 0));
        return decision;
    }

    if (plan.stopWhenBudgetExceeded && !budget.isEmpty() && !level.withinBudget) {
        bool earlierMet = false;
        for (int i = 0; i < levelIndex; ++i)
            earlierMet = earlierMet || sweep.levels.at(i).withinBudget;
        if (levelIndex == 0 || earlierMet) {
            decision.stop = true;
            decision.reason = StopReason::BudgetExceeded;
            const QStringList broken = BudgetEvaluator::violations(level, budget);
            decision.notice =
                u"stopping: " + level.label() + u" exceeds the latency budget" +
                (broken.isEmpty() ? QString() : u" (" + broken.join(QStringLiteral(", ")) + u')');
            return decision;
        }
    }

    if (plan.stopAtPlateau && sweep.plateau.plateaued) {
        decision.stop = true;
        decision.reason = StopReason::Plateau;
        decision.notice = QStringLiteral("stopping: throughput plateaued at %1 tokens/s")
                              .arg(QString::number(sweep.plateau.plateauTps, 'f', 0));
    }
    return decision;
}

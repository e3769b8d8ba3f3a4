#include "sweep/levelnotices.h"

QStringList LevelNotices::after(const LevelSummary& summary, bool traceReplay) {
    QStringList notices;
    if (traceReplay)
        notices << QStringLiteral("trace replay: %1 requests, achieved %2 req/s of the "
                                  "trace's %3 req/s; queue_ms p99 %4 ms (lateness)")
                       .arg(summary.requests)
                       .arg(summary.requestThroughputRps, 0, 'f', 2)
                       .arg(summary.rate, 0, 'f', 2)
                       .arg(summary.queueMs.p99, 0, 'f', 1);
    if (summary.conversationsStarted > 0) {
        QStringList turns;
        for (const TurnTtft& row : summary.ttftByTurn)
            turns << QStringLiteral("turn %1 %2 ms").arg(row.turn).arg(row.ttftP50Ms, 0, 'f', 1);
        notices << summary.label() +
                       QStringLiteral(": %1 conversations started, %2 answered on every turn; "
                                      "TTFT p50 by turn: %3")
                           .arg(summary.conversationsStarted)
                           .arg(summary.conversationsCompleted)
                           .arg(turns.isEmpty() ? QStringLiteral("none") : turns.join(u", "));
    }
    return notices;
}

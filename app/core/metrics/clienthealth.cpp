#include "metrics/clienthealth.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
QString ms(double v) {
    return QString::number(v, 'f', v >= 100 ? 0 : 1) + u" ms"_s;
}
} // namespace

QStringList ClientHealth::reasons(const LevelSummary& level, const LevelRunInfo& info,
                                  double queueP99Ms, bool targetReached) {
    QStringList out;
    // p99 rather than max: one scheduling hiccup should not condemn a whole level; the max
    // is still quoted so a reader sees how bad the worst wait was.
    const double ttft = level.ttftMs.p50;
    if (std::isfinite(queueP99Ms) && queueP99Ms > kQueueP99Ms &&
        (!std::isfinite(ttft) || queueP99Ms > kQueueShareOfTtft * ttft)) {
        QString text = u"requests waited on the client: queue p99 "_s + ms(queueP99Ms);
        if (std::isfinite(level.maxQueueMs))
            text += u" (max "_s + ms(level.maxQueueMs) + u')';
        if (std::isfinite(ttft))
            text += u" vs TTFT p50 "_s + ms(ttft);
        out << text;
    }
    if (std::isfinite(level.eventLoopLagP99Ms) && level.eventLoopLagP99Ms > kLagP99Ms)
        out << u"client event-loop lag p99 "_s + ms(level.eventLoopLagP99Ms) + u" > "_s +
                   ms(kLagP99Ms);

    // A level stopped by the user never got the chance to reach its load: not the client's
    // fault, and already marked incomplete.
    if (!info.isRate && info.complete && info.concurrency > 0) {
        if (!targetReached) {
            // Fewer requests than workers is the plan's doing (targetUnreachable "plan"):
            // not a client limit, and the level says so itself.
            if (level.targetUnreachable != QLatin1String("plan"))
                out << u"the target of %1 in flight was never reached (at most %2): "
                       u"connections the client could not open, or requests that ended "
                       u"before the last workers had started"_s.arg(info.concurrency)
                           .arg(level.maxInFlight);
        } else if (std::isfinite(level.achievedConcurrency) &&
                   level.achievedConcurrency < kConcurrencyShare * info.concurrency) {
            out << u"achieved concurrency %1 is below 90% of the target %2"_s
                       .arg(QString::number(level.achievedConcurrency, 'f', 1))
                       .arg(info.concurrency);
        }
    }
    return out;
}

#include "run/runwarnings.h"

#include "models/uiformat.h"

#include <QObject>
#include <QStringList>

using namespace Qt::StringLiterals;

bool RunWarnings::isWarningNotice(const QString& notice) {
    static const QStringList informational = {
        u"calibrated prompts"_s, u"run stopped by the user"_s, u"stopping: throughput plateaued"_s,
        u"interleave "_s, // "interleave 3/6: B at level 2": an A/B run's next step
    };
    for (const QString& prefix : informational) {
        if (notice.startsWith(prefix))
            return false;
    }
    return !(notice.startsWith(u"stopping: "_s) &&
             notice.contains(u"exceeds the latency budget"_s));
}

QStringList RunWarnings::keys() {
    return {u"client_bound"_s, u"error_rate"_s, u"journal"_s};
}

QMap<QString, QString> RunWarnings::fromResult(const RunResult& result) {
    QMap<QString, QString> out;
    QStringList clientBound;
    QString firstReason;
    QStringList overLimit;
    const double limit = result.profile.plan.maxErrorRate;
    for (const LevelSummary& level : result.summary.levels) {
        if (level.clientBound) {
            clientBound << level.label();
            if (firstReason.isEmpty())
                firstReason = level.clientBoundReason;
        }
        if (level.requests > 0 && level.errorRate() > limit)
            overLimit << QObject::tr("%1 (%2 failed)")
                             .arg(level.label(), UiFormat::percent(level.errorRate()));
    }
    if (!clientBound.isEmpty()) {
        QString text = QObject::tr("This computer may have been the bottleneck at %1, so those "
                                   "numbers may understate the endpoint")
                           .arg(clientBound.join(u", "_s));
        if (!firstReason.isEmpty())
            text += u" ("_s + firstReason + u")"_s;
        out.insert(u"client_bound"_s, text + u'.');
    }
    if (!overLimit.isEmpty())
        out.insert(u"error_rate"_s,
                   QObject::tr("Error rate above the %1 limit at %2. See the Errors tab.")
                       .arg(UiFormat::percent(limit), overLimit.join(u", "_s)));
    if (!result.journal.ok() && !result.journal.recovered)
        out.insert(u"journal"_s,
                   QObject::tr("The journal could not be written (%1). It stops there, so a "
                               "crash now would lose the run; the run goes on and everything "
                               "measured is kept here: save the results when it ends.")
                       .arg(result.journal.error));
    return out;
}

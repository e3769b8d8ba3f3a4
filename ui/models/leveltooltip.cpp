#include "models/leveltooltip.h"

#include "metrics/levelcost.h"
#include "models/levelmetrics.h"
#include "models/uiformat.h"

#include <QCoreApplication>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("LevelToolTip", text);
}

QString row(const QString& name, const QString& value) {
    return u"<tr><td>"_s % name % u"</td><td align=right>"_s % value % u"</td></tr>"_s;
}

QString p50p95(const LatencyStats& stats) {
    return UiFormat::ms(stats.p50) % u" / "_s % UiFormat::ms(stats.p95);
}
} // namespace

QString LevelToolTip::html(const LevelSummary& level, const QString& runName,
                           const EndpointPrice& price) {
    QString text = u"<b>"_s % LevelMetrics::shortLabel(level) % u"</b>"_s;
    if (!runName.isEmpty())
        text += u" — "_s % runName.toHtmlEscaped();
    if (!level.complete)
        text += u" <i>("_s % tr("incomplete") % u")</i>"_s;
    text += u"<table>"_s;
    text += row(tr("Output"), UiFormat::tps(level.outputThroughputTps));
    text += row(tr("TTFT p50 / p95"), p50p95(level.ttftMs));
    text += row(tr("TPOT p50 / p95"), p50p95(level.tpotMs));
    text += row(tr("E2E p50 / p95"), p50p95(level.e2eMs));
    text += row(tr("Requests"), UiFormat::integer(level.requests));
    const int errors = level.requests - level.successes;
    text += row(tr("Errors"), errors > 0 ? UiFormat::integer(errors) % u" ("_s %
                                               UiFormat::percent(level.errorRate()) % u')'
                                         : u"0"_s);
    const LevelCost cost = LevelCost::of(price, level);
    if (std::isfinite(cost.perMillionOutputTokens))
        text += row(tr("Cost / M output tokens"),
                    LevelCost::money(cost.perMillionOutputTokens, cost.currency).toHtmlEscaped());
    if (std::isfinite(cost.perThousandRequests))
        text += row(tr("Cost / 1,000 requests"),
                    LevelCost::money(cost.perThousandRequests, cost.currency).toHtmlEscaped());
    if (level.clientBound)
        text += row(tr("Client bound"), level.clientBoundReason.toHtmlEscaped());
    return text % u"</table>"_s;
}

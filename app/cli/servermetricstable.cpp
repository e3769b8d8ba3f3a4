#include "cli/servermetricstable.h"

#include "cli/numberformat.h"
#include "common/terminalsafe.h"
#include "results/serverplateauexplanation.h"

#include <QStringList>
#include <algorithm>
#include <cmath>

namespace {
double orNan(const std::optional<double>& value) {
    return value ? *value : std::nan("");
}

QString levelName(const RunResult& result, int index) {
    for (const LevelSummary& level : result.summary.levels) {
        if (level.index == index)
            return level.label();
    }
    return QStringLiteral("level %1").arg(index + 1);
}

QString crossCheck(const ServerLevelFigures& figures) {
    if (!figures.crossCheckDifference)
        return figures.crossCheckNote;
    const double percent = *figures.crossCheckDifference * 100.0;
    const QString signedPercent =
        (percent > 0 ? QStringLiteral("+") : QString()) + NumberFormat::decimal(percent, 1) + u'%';
    if (figures.crossCheckFlagged)
        return QStringLiteral("CROSS-CHECK FLAGGED: ") + figures.crossCheckNote;
    return QStringLiteral("cross-check ok (") + signedPercent + u')';
}

QString header(const ServerRunMetrics& server) {
    QString text = QStringLiteral("Server metrics (%1 at %2, %3 scrapes):\n")
                       .arg(server.engine, server.url, NumberFormat::count(server.scrapes));
    for (const ServerRunMetrics::Warning& warning : server.warnings)
        text += QStringLiteral("  warning: ") + warning.message + u'\n';
    return text;
}
} // namespace

QString ServerMetricsTable::runWaitKv(const ServerLevelFigures& figures) {
    const double kv = orNan(figures.kvUsageMax);
    return NumberFormat::decimal(orNan(figures.runningMean), 1) + u'/' +
           NumberFormat::decimal(orNan(figures.waitingMean), 1) + u'/' +
           (std::isfinite(kv) ? NumberFormat::count(kv * 100.0) + u'%' : QStringLiteral("-"));
}

QString ServerMetricsTable::render(const RunResult& result) {
    const ServerRunMetrics& server = result.serverMetrics;
    if (!server.enabled)
        return {};
    QStringList names;
    QStringList figures;
    int nameWidth = 0;
    int figureWidth = 0;
    for (const ServerLevelFigures& level : server.levels) {
        names << levelName(result, level.index);
        figures << QStringLiteral("srv run/wait/kv ") + runWaitKv(level);
        nameWidth = std::max(nameWidth, int(names.constLast().size()));
        figureWidth = std::max(figureWidth, int(figures.constLast().size()));
    }
    QString text = header(server);
    for (qsizetype i = 0; i < server.levels.size(); ++i) {
        const ServerLevelFigures& level = server.levels.at(i);
        text += QStringLiteral("  ") + names.at(i).leftJustified(nameWidth) + QStringLiteral("  ") +
                figures.at(i).leftJustified(figureWidth) + QStringLiteral("  srv gen ") +
                NumberFormat::count(orNan(level.generationTps)) + QStringLiteral(" tok/s  ") +
                crossCheck(level) + u'\n';
    }
    const QString why = ServerPlateauExplanation::sentence(result);
    if (!why.isEmpty())
        text += why + u'\n';
    // The engine's names and messages come from the network: never obeyed by the terminal.
    return TerminalSafe::escapeKeepingLines(text);
}

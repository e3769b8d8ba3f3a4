#include "cli/turntable.h"

#include "cli/numberformat.h"

#include <QStringList>
#include <algorithm>

namespace {
const QStringList kHeaders = {QStringLiteral("level"),     QStringLiteral("turn"),
                              QStringLiteral("reqs"),      QStringLiteral("TTFT p50"),
                              QStringLiteral("TTFT p90"),  QStringLiteral("TTFT p99"),
                              QStringLiteral("input tok"), QStringLiteral("conversations")};

QList<QStringList> rowsOf(const LevelSummary& level) {
    QList<QStringList> rows;
    const QString conversations = QStringLiteral("%1 started, %2 complete")
                                      .arg(NumberFormat::count(level.conversationsStarted),
                                           NumberFormat::count(level.conversationsCompleted));
    for (const TurnTtft& t : level.ttftByTurn) {
        rows.append({rows.isEmpty() ? level.label() : QString(), NumberFormat::count(t.turn),
                     NumberFormat::count(t.requests), NumberFormat::ms(t.ttftP50Ms),
                     NumberFormat::ms(t.ttftP90Ms), NumberFormat::ms(t.ttftP99Ms),
                     NumberFormat::count(t.inputTokensMean),
                     rows.isEmpty() ? conversations : QString()});
    }
    if (rows.isEmpty()) // conversations started, no turn answered
        rows.append({level.label(), QStringLiteral("-"), QStringLiteral("0"), QStringLiteral("-"),
                     QStringLiteral("-"), QStringLiteral("-"), QStringLiteral("-"), conversations});
    return rows;
}
} // namespace

QString TurnTable::render(const SweepSummary& summary) {
    QList<QStringList> rows;
    for (const LevelSummary& level : summary.levels) {
        if (level.conversationsStarted > 0 || !level.ttftByTurn.isEmpty())
            rows += rowsOf(level);
    }
    if (rows.isEmpty())
        return {};
    QList<qsizetype> widths;
    for (qsizetype c = 0; c < kHeaders.size(); ++c) {
        qsizetype w = kHeaders.at(c).size();
        for (const QStringList& row : rows)
            w = std::max(w, row.at(c).size());
        widths.append(w);
    }
    // Text columns (level, conversations) left-aligned, numbers right-aligned.
    const auto line = [&](const QStringList& cells) -> QString {
        QStringList out;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            const bool text = c == 0 || c == cells.size() - 1;
            out << (text ? cells.at(c).leftJustified(widths.at(c))
                         : cells.at(c).rightJustified(widths.at(c)));
        }
        QString text = out.join(QStringLiteral("  "));
        while (text.endsWith(QLatin1Char(' '))) // the last column is left-aligned
            text.chop(1);
        return text + QLatin1Char('\n');
    };
    QString text = QStringLiteral("TTFT by turn (ms; successful requests of each turn index):\n");
    text += line(kHeaders);
    for (const QStringList& row : rows)
        text += line(row);
    return text;
}

#include "cli/turntable.h"

#include "cli/numberformat.h"
#include "cli/texttable.h"

#include <QStringList>

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
    rows.prepend(kHeaders);
    // Text columns (level, conversations) left-aligned, numbers right-aligned.
    using A = TextTable::Align;
    const QList<A> align = {A::Left,  A::Right, A::Right, A::Right,
                            A::Right, A::Right, A::Right, A::Left};
    return QStringLiteral("TTFT by turn (ms; successful requests of each turn index):\n") +
           TextTable::render(rows, align);
}

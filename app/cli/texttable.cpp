#include "cli/texttable.h"

#include <algorithm>

QString TextTable::render(const QList<QStringList>& rows, const QList<Align>& align) {
    QList<qsizetype> widths;
    for (const QStringList& row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0);
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths.at(c), row.at(c).size());
    }
    QString text;
    for (const QStringList& row : rows) {
        QStringList cells;
        for (qsizetype c = 0; c < row.size(); ++c) {
            const bool left = align.value(c, Align::Right) == Align::Left;
            cells << (left ? row.at(c).leftJustified(widths.at(c))
                           : row.at(c).rightJustified(widths.at(c)));
        }
        QString line = cells.join(QStringLiteral("  "));
        while (line.endsWith(QLatin1Char(' '))) // a left-aligned last column
            line.chop(1);
        text += line + QLatin1Char('\n');
    }
    return text;
}

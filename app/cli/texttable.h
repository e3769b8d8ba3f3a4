#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// The CLI's plain-text tables (server timings, turns, between runs): each column as wide as
// its widest cell, two spaces between columns, one line per row ending in '\n', no spaces
// at the end of a line. Text columns are left-aligned, numbers right-aligned.
class TextTable {
public:
    enum class Align { Left, Right };
    // rows: the header first if there is one; every row has the same number of cells.
    // align: per column; columns past its end are right-aligned (the default: the first
    // column, the level, on the left and the figures on the right).
    static QString render(const QList<QStringList>& rows,
                          const QList<Align>& align = {Align::Left});
};

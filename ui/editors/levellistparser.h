#pragma once

#include <QList>
#include <QString>

// Parses and formats the comma/space separated level lists the sweep editor shows
// ("1, 2, 4, 8" or "0.5 1 2.5"), with a reason when a value is not acceptable.
class LevelListParser {
public:
    static QList<int> parseIntegers(const QString& text, QString* error);
    static QList<double> parseNumbers(const QString& text, QString* error);
    static QString format(const QList<int>& values);
    static QString format(const QList<double>& values);
    // 1, 2, 4, ... up to and including max (a power of two).
    static QList<int> powersOfTwo(int max);
};

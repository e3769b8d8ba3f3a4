#pragma once

#include <QList>
#include <QString>
#include <optional>

// Level lists on the command line: "1,2,4,8", or a doubling range "1..256"
// (1,2,4,...,256; the end is included even when it is not a power of the start).
class ListSpec {
public:
    static std::optional<QList<int>> parseConcurrencies(const QString& text, QString* error);
    static std::optional<QList<double>> parseRates(const QString& text, QString* error);
    // --batch-size (issue 14): "8", or "1,8,32" to sweep them (each 1-2048, at most 16).
    static std::optional<QList<int>> parseBatchSizes(const QString& text, QString* error);
};

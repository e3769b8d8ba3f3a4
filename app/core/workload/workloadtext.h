#pragma once

#include <QString>

// Small text helpers for the workload readers' messages.
namespace WorkloadText {
// "16 MiB", "1.5 GiB", "900 bytes".
QString sizeText(qint64 bytes);
// Text taken from a file, made safe for a one-line message and a terminal, in quotes.
QString quoted(const QString& text, qsizetype maxLength = 40);
} // namespace WorkloadText

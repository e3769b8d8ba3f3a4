#pragma once

#include <QString>
#include <QStringList>

// Keeps secrets out of every message, log line and file Plateau writes: any text
// passing through mask() has each registered secret replaced by "***".
// Registration is process-wide and thread-safe because errors are formatted on
// network threads.
namespace SecretMasker {
void registerSecret(const QString& secret);
QString mask(const QString& text);
void clearForTests();
} // namespace SecretMasker

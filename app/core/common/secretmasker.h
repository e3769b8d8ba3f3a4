#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

// Keeps secrets out of every message, log line and file Plateau writes: any text
// passing through mask() has each registered secret replaced by "***", and every URL in
// it redacted (UrlRedactor: user info and credential-like query parameters).
// Registration is process-wide and thread-safe because errors are formatted on
// network threads.
namespace SecretMasker {
void registerSecret(const QString& secret);
// The secrets a URL carries (password, credential-like parameters' values).
void registerUrlSecrets(const QUrl& url);
QString mask(const QString& text);
void clearForTests();
} // namespace SecretMasker

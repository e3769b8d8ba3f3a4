#pragma once

#include <QCoreApplication>
#include <QString>

// Checks a TLS file the endpoint form names before a run needs it (issue 14), so the problem
// shows beside its field and says which: missing, not a regular file, unreadable, too large,
// or not the PEM it should be. Empty text when the file is fine (or no path is given).
class PemFileCheck {
    Q_DECLARE_TR_FUNCTIONS(PemFileCheck)

public:
    enum class Kind { Certificates, PrivateKey };

    // hasPassphrase: a passphrase reference is set, so an encrypted key is expected.
    static QString problem(const QString& path, Kind kind, bool hasPassphrase = false);
};

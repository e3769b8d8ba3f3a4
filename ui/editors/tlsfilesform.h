#pragma once

#include "editors/issuemap.h"
#include "profile/endpointconfig.h"
#include "profile/profilevalidator.h"

#include <QWidget>

class FilePathEdit;
class QLineEdit;

// The endpoint's enterprise TLS files (issue 14): a CA bundle trusted beside the system's,
// a client certificate + key for mutual TLS, and the NAME of the environment variable
// holding the key's passphrase (never the passphrase). Each file is checked as it is typed
// or picked (exists, readable, parses as PEM) and the problem shows beside its field.
class TlsFilesForm : public QWidget {
    Q_OBJECT
public:
    // issues: the endpoint form's map; the rows register their labels in it.
    explicit TlsFilesForm(IssueMap* issues, QWidget* parent = nullptr);

    void setEndpoint(const EndpointConfig& endpoint);
    // Writes ca_cert, client_cert, client_key and client_key_passphrase into `endpoint`.
    void apply(EndpointConfig* endpoint) const;
    // The files' problems, fields relative ("ca_cert", "client_cert", ...).
    QList<ValidationIssue> localIssues() const;

Q_SIGNALS:
    void changed();

private:
    FilePathEdit* m_caCert;
    FilePathEdit* m_clientCert;
    FilePathEdit* m_clientKey;
    QLineEdit* m_passphraseVariable;
    bool m_loading = false;
};

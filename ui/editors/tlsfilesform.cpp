#include "editors/tlsfilesform.h"

#include "editors/filepathedit.h"
#include "editors/formhelpers.h"
#include "editors/pemfilecheck.h"
#include "profile/apikeyresolver.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {
QString pemFilter() {
    return TlsFilesForm::tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)");
}

bool isVariableName(const QString& name) {
    static const QRegularExpression valid(u"^[A-Za-z_][A-Za-z0-9_]*$"_s); // POSIX names
    return valid.match(name).hasMatch();
}
} // namespace

TlsFilesForm::TlsFilesForm(IssueMap* issues, QWidget* parent)
    : QWidget(parent)
    , m_caCert(new FilePathEdit(tr("CA certificate bundle"), pemFilter(), this))
    , m_clientCert(new FilePathEdit(tr("Client certificate"), pemFilter(), this))
    , m_clientKey(new FilePathEdit(tr("Client key"), pemFilter(), this))
    , m_passphraseVariable(new QLineEdit(this)) {
    m_caCert->setObjectName(u"caCert"_s);
    m_clientCert->setObjectName(u"clientCert"_s);
    m_clientKey->setObjectName(u"clientKey"_s);
    m_passphraseVariable->setObjectName(u"clientKeyPassphraseVariable"_s);
    m_caCert->setPlaceholderText(
        tr("optional: PEM bundle of the private CA that signs the server"));
    m_clientCert->setPlaceholderText(tr("optional: PEM certificate for mutual TLS"));
    m_clientKey->setPlaceholderText(tr("optional: PEM private key of that certificate"));
    m_passphraseVariable->setPlaceholderText(
        tr("name of the environment variable holding the key's passphrase, if encrypted"));
    for (FilePathEdit* edit : {m_caCert, m_clientCert, m_clientKey})
        connect(edit, &FilePathEdit::pathChanged, this, [this] {
            if (!m_loading)
                Q_EMIT changed();
        });
    connect(m_passphraseVariable, &QLineEdit::textChanged, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    // Field names as the profile spells them, so the validator's issues land here too.
    FormHelpers::addRow(form, tr("CA bundle"), m_caCert, issues, u"ca_cert"_s);
    FormHelpers::addRow(form, tr("Client certificate"), m_clientCert, issues, u"client_cert"_s);
    FormHelpers::addRow(form, tr("Client key"), m_clientKey, issues, u"client_key"_s);
    FormHelpers::addRow(form, tr("Key passphrase variable"), m_passphraseVariable, issues,
                        u"client_key_passphrase"_s);
}

void TlsFilesForm::setEndpoint(const EndpointConfig& endpoint) {
    m_loading = true;
    m_caCert->setPath(endpoint.caCertFile);
    m_clientCert->setPath(endpoint.clientCertFile);
    m_clientKey->setPath(endpoint.clientKeyFile);
    m_passphraseVariable->setText(
        ApiKeyResolver::isEnvReference(endpoint.clientKeyPassphraseRef)
            ? ApiKeyResolver::envVariableName(endpoint.clientKeyPassphraseRef)
            : QString());
    m_loading = false;
}

void TlsFilesForm::apply(EndpointConfig* endpoint) const {
    endpoint->caCertFile = m_caCert->path();
    endpoint->clientCertFile = m_clientCert->path();
    endpoint->clientKeyFile = m_clientKey->path();
    const QString name = m_passphraseVariable->text().trimmed();
    // A malformed name is no reference yet; localIssues() says why.
    endpoint->clientKeyPassphraseRef =
        isVariableName(name) ? ApiKeyResolver::envReference(name) : QString();
}

QList<ValidationIssue> TlsFilesForm::localIssues() const {
    QList<ValidationIssue> issues;
    const QString name = m_passphraseVariable->text().trimmed();
    const bool hasPassphrase = isVariableName(name);
    const auto check = [&](const QString& field, const FilePathEdit* edit,
                           PemFileCheck::Kind kind) {
        const QString problem = PemFileCheck::problem(edit->path(), kind, hasPassphrase);
        if (!problem.isEmpty())
            issues.append({field, problem});
    };
    check(u"ca_cert"_s, m_caCert, PemFileCheck::Kind::Certificates);
    check(u"client_cert"_s, m_clientCert, PemFileCheck::Kind::Certificates);
    check(u"client_key"_s, m_clientKey, PemFileCheck::Kind::PrivateKey);
    if (!name.isEmpty() && !hasPassphrase)
        issues.append({u"client_key_passphrase"_s,
                       tr("\"%1\" is not a valid environment variable name").arg(name)});
    return issues;
}

#include "transport/tlserrortext.h"

#include "common/terminalsafe.h"

#include <QDateTime>
#include <QStringList>

namespace {

QString distinguishedName(const QSslCertificate& certificate, bool issuer) {
    const QList<QByteArray> attributes =
        issuer ? certificate.issuerInfoAttributes() : certificate.subjectInfoAttributes();
    QStringList parts;
    for (const QByteArray& attribute : attributes) {
        const QStringList values =
            issuer ? certificate.issuerInfo(attribute) : certificate.subjectInfo(attribute);
        for (const QString& value : values)
            parts.append(QString::fromLatin1(attribute) + u'=' + value);
    }
    return TerminalSafe::escape(parts.join(QStringLiteral(", ")));
}

QString dateText(const QDateTime& time) {
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

QString untrusted(const QSslCertificate& certificate) {
    return QStringLiteral("the server's certificate is signed by '%1' which is not trusted — "
                          "add that CA with --ca-cert FILE (ca_cert in the profile)")
        .arg(TlsErrorText::issuerText(certificate));
}
} // namespace

QString TlsErrorText::subjectText(const QSslCertificate& certificate) {
    return distinguishedName(certificate, false);
}

QString TlsErrorText::issuerText(const QSslCertificate& certificate) {
    return distinguishedName(certificate, true);
}

QString TlsErrorText::namesText(const QSslCertificate& certificate) {
    QStringList names;
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it)
        names.append((it.key() == QSsl::DnsEntry ? u"DNS:" : u"") + it.value());
    if (names.isEmpty())
        names = certificate.subjectInfo(QSslCertificate::CommonName);
    return TerminalSafe::escape(names.join(QStringLiteral(", ")));
}

QString TlsErrorText::explain(const QSslError& error, const QString& host) {
    const QSslCertificate certificate = error.certificate();
    switch (error.error()) {
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return certificate.isNull() ? error.errorString() : untrusted(certificate);
    case QSslError::SelfSignedCertificateInChain:
        // The chain ends in a root nobody here trusts: that root is the one to add.
        return certificate.isNull()
                   ? error.errorString()
                   : QStringLiteral("the server's certificate chain ends in '%1' which is not "
                                    "trusted — add that CA with --ca-cert FILE (ca_cert in the "
                                    "profile)")
                         .arg(subjectText(certificate));
    case QSslError::SelfSignedCertificate:
        return QStringLiteral("the server's certificate '%1' is self-signed, and not trusted — "
                              "add it with --ca-cert FILE (ca_cert in the profile)")
            .arg(subjectText(certificate));
    case QSslError::CertificateExpired:
        return QStringLiteral("the server's certificate '%1' expired on %2 — the server must "
                              "renew it (or check this machine's clock)")
            .arg(subjectText(certificate), dateText(certificate.expiryDate()));
    case QSslError::CertificateNotYetValid:
        return QStringLiteral("the server's certificate '%1' is not valid before %2 — check "
                              "this machine's clock")
            .arg(subjectText(certificate), dateText(certificate.effectiveDate()));
    case QSslError::HostNameMismatch:
        return QStringLiteral("the server's certificate is for %1, not for %2 — use a URL with "
                              "one of those names")
            .arg(namesText(certificate), TerminalSafe::escape(host));
    default:
        return error.errorString();
    }
}

QString TlsErrorText::explainAll(const QList<QSslError>& errors, const QString& host) {
    QStringList texts;
    for (const QSslError& error : errors) {
        const QString text = explain(error, host);
        if (!texts.contains(text))
            texts.append(text);
    }
    return texts.join(QStringLiteral("; "));
}

QString TlsErrorText::explainAlert(const QString& message) {
    // OpenSSL's words for the server's alert: "tlsv13 alert certificate required" (TLS 1.3),
    // "sslv3 alert handshake failure" / "bad certificate" when a TLS 1.2 server wants one.
    const bool required = message.contains(u"certificate required", Qt::CaseInsensitive);
    const bool refused = message.contains(u"alert bad certificate", Qt::CaseInsensitive) ||
                         message.contains(u"alert unknown ca", Qt::CaseInsensitive);
    if (required)
        return QStringLiteral("the server requires a client certificate (mutual TLS) — give one "
                              "with --client-cert FILE --client-key FILE (client_cert and "
                              "client_key in the profile)");
    if (refused)
        return QStringLiteral("the server refused the client certificate (%1) — check that "
                              "--client-cert is one its CA signed")
            .arg(TerminalSafe::escape(message));
    return QString();
}

#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

// Which TLS check failed and how to fix it, in one sentence each, for a run's error detail
// and Test connection: an unknown CA (with the issuer's subject: "signed by 'CN=Corp Root CA'
// which is not trusted — add it with --ca-cert"), an expired certificate (with the date), a
// wrong host name (with the names the certificate holds), a client certificate the server
// requires. Certificate text comes from the network: it is made terminal-safe here.
class TlsErrorText {
public:
    static QString explain(const QSslError& error, const QString& host);
    static QString explainAll(const QList<QSslError>& errors, const QString& host);
    // A handshake the server ended (an alert): "certificate required" and the like; empty
    // when `message` is not one of them.
    static QString explainAlert(const QString& message);
    // "CN=Corp Root CA, O=Corp": a subject or issuer as the certificate spells it.
    static QString subjectText(const QSslCertificate& certificate);
    static QString issuerText(const QSslCertificate& certificate);
    // "DNS:localhost, IP:127.0.0.1" (the subject alternative names), else the common name.
    static QString namesText(const QSslCertificate& certificate);
};

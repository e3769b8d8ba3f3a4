#pragma once

#include "profile/endpointconfig.h"

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

// The one place that builds the TLS configuration of an endpoint's connections (the run's
// direct and Qt transports, the connection test, the server-metrics scrape): the system CAs
// plus those named by SSL_CERT_FILE / SSL_CERT_DIR plus the endpoint's own CA file
// (ca_cert); a client certificate and key for mutual TLS (the key may be encrypted, its
// passphrase read from the reference in client_key_passphrase, never stored); and peer
// verification unless the endpoint opted out (verify_tls false).
//
// Qt 6.4's OpenSSL backend loads the system CAs from a fixed list of directories
// (/etc/ssl/certs, ...) and ignores SSL_CERT_FILE and SSL_CERT_DIR (tst_tlsconfigbuilder
// checks this), so they are read here, as curl and Python do.
class TlsConfigBuilder {
public:
    // One certificate, key or CA bundle file: a PEM file is kilobytes; a full CA bundle is
    // about 200 KiB.
    static constexpr qint64 kMaxPemBytes = 4 * 1024 * 1024;
    // SSL_CERT_DIR: at most this many files are read (a system directory holds ~300).
    static constexpr int kMaxDirectoryFiles = 2000;

    // False with a message naming the file and what is wrong with it ("the CA certificate
    // file /x/ca.pem (ca_cert): no such file").
    static bool build(const EndpointConfig& endpoint, QSslConfiguration* out, QString* error);
    // True when the endpoint (or the environment) asks for more than Qt's defaults.
    static bool isCustom(const EndpointConfig& endpoint);
    // The CAs SSL_CERT_FILE and SSL_CERT_DIR name (empty when neither is set).
    static bool environmentCas(QList<QSslCertificate>* out, QString* error);

private:
    static bool readCertificates(const QString& path, const QString& what,
                                 QList<QSslCertificate>* out, QString* error);
    static bool addClientIdentity(const EndpointConfig& endpoint, QSslConfiguration* config,
                                  QString* error);
};

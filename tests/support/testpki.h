#pragma once

#include <QSslConfiguration>
#include <QString>
#include <QTemporaryDir>

// A private certificate authority made at test time by `openssl` (the command-line tool)
// in a temporary directory: a root "CN=Plateau Test Root CA", server certificates signed by
// it (for 127.0.0.1, for another host name, an expired one) and a client certificate with
// its key in clear and encrypted. EC P-256 keys: quick to make.
class TestPki {
public:
    static constexpr const char* kPassphrase = "correct horse";

    // False (and error()) when openssl is missing or failed.
    bool create();
    QString error() const { return m_error; }

    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString caCert() const { return path(QStringLiteral("ca.crt")); }
    QString clientCert() const { return path(QStringLiteral("client.crt")); }
    QString clientKey() const { return path(QStringLiteral("client.key")); }
    QString clientKeyEncrypted() const { return path(QStringLiteral("client-encrypted.key")); }

    enum class Server { Good, WrongHost, Expired };
    // A TLS server configuration with that certificate; requireClient: mutual TLS, the
    // client's certificate must be signed by this CA.
    QSslConfiguration serverConfig(Server server, bool requireClient = false) const;

private:
    bool openssl(const QStringList& arguments);
    bool leaf(const QString& name, const QString& commonName, const QString& extensions, int days);

    QTemporaryDir m_dir;
    QString m_error;
};

#include "transport/tlsconfigbuilder.h"

#include "common/boundedfilereader.h"
#include "profile/apikeyresolver.h"

#include <QDir>
#include <QFileInfo>
#include <QSslKey>
#include <QSslSocket>

namespace {
QString fileText(const QString& what, const QString& path) {
    return QStringLiteral("the %1 file %2").arg(what, QDir::toNativeSeparators(path));
}

bool readPem(const QString& path, const QString& what, QByteArray* data, QString* error) {
    const BoundedFileReader::Result read =
        BoundedFileReader::read(path, TlsConfigBuilder::kMaxPemBytes, what);
    if (!read.ok()) {
        *error = fileText(what, path) + u": " + read.reason;
        return false;
    }
    *data = read.data;
    return true;
}

QStringList directoryFiles(const QString& directory) {
    const QFileInfoList entries =
        QDir(directory).entryInfoList(QDir::Files | QDir::Readable, QDir::Name);
    QStringList files;
    for (const QFileInfo& entry : entries) {
        if (files.size() >= TlsConfigBuilder::kMaxDirectoryFiles)
            break;
        if (entry.size() <= TlsConfigBuilder::kMaxPemBytes)
            files.append(entry.filePath());
    }
    return files;
}
} // namespace

bool TlsConfigBuilder::isCustom(const EndpointConfig& endpoint) {
    return !endpoint.verifyTls || !endpoint.caCertFile.isEmpty() ||
           !endpoint.clientCertFile.isEmpty() || qEnvironmentVariableIsSet("SSL_CERT_FILE") ||
           qEnvironmentVariableIsSet("SSL_CERT_DIR");
}

bool TlsConfigBuilder::build(const EndpointConfig& endpoint, QSslConfiguration* out,
                             QString* error) {
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (!endpoint.verifyTls) // the endpoint's explicit opt-out, nothing else
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
    QList<QSslCertificate> extra;
    if (!environmentCas(&extra, error))
        return false;
    if (!endpoint.caCertFile.isEmpty() &&
        !readCertificates(endpoint.caCertFile, QStringLiteral("CA certificate (ca_cert)"), &extra,
                          error))
        return false;
    // Setting a CA list turns off Qt's on-demand loading of the system's: keep them in it.
    if (!extra.isEmpty())
        config.setCaCertificates(QSslConfiguration::systemCaCertificates() + extra);
    if (!addClientIdentity(endpoint, &config, error))
        return false;
    *out = config;
    return true;
}

bool TlsConfigBuilder::environmentCas(QList<QSslCertificate>* out, QString* error) {
    const QString file = qEnvironmentVariable("SSL_CERT_FILE");
    if (!file.isEmpty() &&
        !readCertificates(file, QStringLiteral("CA bundle (SSL_CERT_FILE)"), out, error))
        return false;
    // OpenSSL's convention: a list of directories; files that are not PEM are skipped (a
    // certificate directory also holds CRLs and the like).
    const QStringList directories =
        qEnvironmentVariable("SSL_CERT_DIR").split(QDir::listSeparator(), Qt::SkipEmptyParts);
    for (const QString& directory : directories) {
        if (!QFileInfo(directory).isDir()) {
            *error = QStringLiteral("SSL_CERT_DIR names %1, which is not a directory")
                         .arg(QDir::toNativeSeparators(directory));
            return false;
        }
        for (const QString& path : directoryFiles(directory)) {
            const BoundedFileReader::Result read =
                BoundedFileReader::read(path, kMaxPemBytes, QStringLiteral("certificate"));
            if (read.ok())
                out->append(QSslCertificate::fromData(read.data, QSsl::Pem));
        }
    }
    return true;
}

bool TlsConfigBuilder::readCertificates(const QString& path, const QString& what,
                                        QList<QSslCertificate>* out, QString* error) {
    QByteArray data;
    if (!readPem(path, what, &data, error))
        return false;
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(data, QSsl::Pem);
    if (certificates.isEmpty()) {
        *error = fileText(what, path) +
                 QStringLiteral(" holds no PEM certificate (a block starting with "
                                "-----BEGIN CERTIFICATE-----)");
        return false;
    }
    out->append(certificates);
    return true;
}

bool TlsConfigBuilder::addClientIdentity(const EndpointConfig& endpoint, QSslConfiguration* config,
                                         QString* error) {
    if (endpoint.clientCertFile.isEmpty() && endpoint.clientKeyFile.isEmpty())
        return true;
    if (endpoint.clientCertFile.isEmpty() || endpoint.clientKeyFile.isEmpty()) {
        *error = QStringLiteral("mutual TLS needs both a client certificate (client_cert) and "
                                "its key (client_key)");
        return false;
    }
    QList<QSslCertificate> certificates;
    if (!readCertificates(endpoint.clientCertFile,
                          QStringLiteral("client certificate (client_cert)"), &certificates, error))
        return false;
    const QString what = QStringLiteral("client key (client_key)");
    QByteArray pem;
    if (!readPem(endpoint.clientKeyFile, what, &pem, error))
        return false;
    QString passphrase;
    if (!endpoint.clientKeyPassphraseRef.isEmpty() &&
        !ApiKeyResolver::resolve(endpoint.clientKeyPassphraseRef, &passphrase, error)) {
        *error = u"the client key's passphrase: " + *error;
        return false;
    }
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey, passphrase.toUtf8());
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        const bool encrypted = pem.contains("ENCRYPTED");
        *error = fileText(what, endpoint.clientKeyFile) +
                 (!encrypted ? QStringLiteral(" holds no PEM private key (RSA, EC or DSA)")
                  : passphrase.isEmpty()
                      ? QStringLiteral(" is encrypted: give its passphrase through an "
                                       "environment variable (--client-key-passphrase-env NAME)")
                      : QStringLiteral(" could not be decrypted: wrong passphrase?"));
        return false;
    }
    // The leaf first, then any intermediates the server needs to build the chain.
    config->setLocalCertificateChain(certificates);
    config->setPrivateKey(key);
    return true;
}

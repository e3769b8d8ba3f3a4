#include "testpki.h"

#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>

namespace {
constexpr int kOpensslTimeoutMs = 30000;

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

bool TestPki::openssl(const QStringList& arguments) {
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(kOpensslTimeoutMs) ||
        process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_error =
            QStringLiteral("openssl %1 failed: %2")
                .arg(arguments.join(u' '), QString::fromLocal8Bit(process.readAllStandardError()));
        return false;
    }
    return true;
}

bool TestPki::leaf(const QString& name, const QString& commonName, const QString& extensions,
                   int days) {
    QFile ext(path(name + QStringLiteral(".ext")));
    if (!ext.open(QIODevice::WriteOnly) || ext.write(extensions.toUtf8() + '\n') < 0)
        return false;
    ext.close();
    return openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                    QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                    QStringLiteral("-nodes"), QStringLiteral("-keyout"), name + u".key",
                    QStringLiteral("-out"), name + u".csr", QStringLiteral("-subj"),
                    u"/CN=" + commonName}) &&
           openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                    name + u".csr", QStringLiteral("-CA"), QStringLiteral("ca.crt"),
                    QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                    QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), name + u".crt",
                    QStringLiteral("-days"), QString::number(days), QStringLiteral("-extfile"),
                    name + u".ext"});
}

bool TestPki::create() {
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
        m_error = QStringLiteral("the openssl command is not installed");
        return false;
    }
    const QString serverNames = QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost");
    return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                    QStringLiteral("ca.crt"), QStringLiteral("-days"), QStringLiteral("30"),
                    QStringLiteral("-subj"), QStringLiteral("/CN=Plateau Test Root CA")}) &&
           leaf(QStringLiteral("good"), QStringLiteral("127.0.0.1"), serverNames, 30) &&
           leaf(QStringLiteral("wronghost"), QStringLiteral("wrong.example"),
                QStringLiteral("subjectAltName=DNS:wrong.example,DNS:*.wrong.example"), 30) &&
           // -days -1: the certificate ended a day before it began, i.e. it has expired.
           leaf(QStringLiteral("expired"), QStringLiteral("127.0.0.1"), serverNames, -1) &&
           leaf(QStringLiteral("client"), QStringLiteral("plateau-client"),
                QStringLiteral("extendedKeyUsage=clientAuth"), 30) &&
           openssl({QStringLiteral("pkey"), QStringLiteral("-in"), QStringLiteral("client.key"),
                    QStringLiteral("-aes256"), QStringLiteral("-passout"),
                    QStringLiteral("pass:") + QLatin1String(kPassphrase), QStringLiteral("-out"),
                    QStringLiteral("client-encrypted.key")});
}

QSslConfiguration TestPki::serverConfig(Server server, bool requireClient) const {
    const QString name = server == Server::Good        ? QStringLiteral("good")
                         : server == Server::WrongHost ? QStringLiteral("wronghost")
                                                       : QStringLiteral("expired");
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate(readAll(path(name + u".crt")), QSsl::Pem));
    config.setPrivateKey(QSslKey(readAll(path(name + u".key")), QSsl::Ec, QSsl::Pem));
    if (requireClient) {
        config.setCaCertificates(QSslCertificate::fromData(readAll(caCert()), QSsl::Pem));
        config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    } else {
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    return config;
}

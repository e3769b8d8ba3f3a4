#include "editors/pemfilecheck.h"

#include "common/boundedfilereader.h"
#include "transport/tlsconfigbuilder.h"

#include <QFileInfo>
#include <QSslCertificate>

namespace {
// Only regular files are read here (on every edit, in the GUI thread): a FIFO or a device
// would block the window, so it is named instead; the run reads it with the usual caps.
constexpr int kIdleTimeoutMs = 200;

QString keyProblem(const QByteArray& data, bool hasPassphrase) {
    if (!data.contains("-----BEGIN ") || !data.contains("PRIVATE KEY-----"))
        return PemFileCheck::tr("is not a PEM private key (no \"-----BEGIN … PRIVATE KEY-----\")");
    const bool encrypted = data.contains("ENCRYPTED");
    if (encrypted && !hasPassphrase)
        return PemFileCheck::tr("is an encrypted key: name the passphrase's environment variable");
    return QString();
}
} // namespace

QString PemFileCheck::problem(const QString& path, Kind kind, bool hasPassphrase) {
    if (path.trimmed().isEmpty())
        return QString();
    const QFileInfo info(path.trimmed());
    if (!info.exists())
        return tr("no such file");
    if (info.isDir())
        return tr("is a directory, not a file");
    if (!info.isFile())
        return tr("is not a regular file");
    if (!info.isReadable())
        return tr("is not readable (permissions)");
    const BoundedFileReader::Result read = BoundedFileReader::read(
        info.filePath(), TlsConfigBuilder::kMaxPemBytes, tr("a PEM file"), kIdleTimeoutMs);
    if (!read.ok())
        return read.reason;
    if (kind == Kind::PrivateKey)
        return keyProblem(read.data, hasPassphrase);
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(read.data, QSsl::Pem);
    if (certificates.isEmpty())
        return tr("holds no PEM certificate (no \"-----BEGIN CERTIFICATE-----\")");
    return QString();
}

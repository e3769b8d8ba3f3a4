#include "sim/simdigest.h"

#include "sim/simstreamformat.h"

#include <QCryptographicHash>
#include <QJsonArray>

QString SimDigest::of(QByteArrayView utf8) {
    return QString::fromLatin1(
        QCryptographicHash::hash(utf8, QCryptographicHash::Sha256).toHex().left(16));
}

QString SimDigest::answer(quint64 id, int tokens) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (int i = 0; i < tokens; ++i)
        hash.addData(SimStreamFormat::tokenText(id, i));
    return QString::fromLatin1(hash.result().toHex().left(16));
}

QStringList SimDigest::assistantMessages(const QJsonObject& body) {
    QStringList digests;
    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    for (const QJsonValue& m : messages) {
        const QJsonObject message = m.toObject();
        if (message.value(QLatin1String("role")).toString() == QLatin1String("assistant"))
            digests << of(message.value(QLatin1String("content")).toString().toUtf8());
    }
    return digests;
}

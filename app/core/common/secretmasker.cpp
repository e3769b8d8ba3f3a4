#include "secretmasker.h"

#include <QMutex>
#include <QMutexLocker>

namespace {
QMutex& secretsMutex()
{
    static QMutex mutex;
    return mutex;
}
QStringList& secrets()
{
    static QStringList list;
    return list;
}
} // namespace

void SecretMasker::registerSecret(const QString& secret)
{
    // Very short strings would mask innocent text everywhere; real keys are long.
    if (secret.size() < 4)
        return;
    QMutexLocker lock(&secretsMutex());
    if (!secrets().contains(secret))
        secrets().append(secret);
}

QString SecretMasker::mask(const QString& text)
{
    QMutexLocker lock(&secretsMutex());
    QString out = text;
    for (const QString& s : std::as_const(secrets()))
        out.replace(s, QStringLiteral("***"));
    return out;
}

void SecretMasker::clearForTests()
{
    QMutexLocker lock(&secretsMutex());
    secrets().clear();
}

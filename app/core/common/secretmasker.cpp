#include "common/secretmasker.h"

#include "common/urlredactor.h"

#include <QMutex>
#include <QMutexLocker>

#include <algorithm>

namespace {
QMutex& secretsMutex() {
    static QMutex mutex;
    return mutex;
}
QStringList& secrets() {
    static QStringList list;
    return list;
}
} // namespace

void SecretMasker::registerSecret(const QString& secret) {
    // Very short strings would mask innocent text everywhere; real keys are long.
    if (secret.size() < 4)
        return;
    QMutexLocker lock(&secretsMutex());
    if (secrets().contains(secret))
        return;
    // Longest first: when one key is a prefix of another, replacing the short one first
    // would leave the long one's tail visible.
    auto& list = secrets();
    auto at = std::find_if(list.begin(), list.end(),
                           [&](const QString& s) { return s.size() < secret.size(); });
    list.insert(at, secret);
}

void SecretMasker::registerUrlSecrets(const QUrl& url) {
    const QStringList found = UrlRedactor::secretsOf(url);
    for (const QString& secret : found)
        registerSecret(secret);
}

QString SecretMasker::mask(const QString& text) {
    // URLs first: their credentials are masked by position, however short they are.
    QString out = UrlRedactor::redactUrlsIn(text);
    QMutexLocker lock(&secretsMutex());
    for (const QString& s : std::as_const(secrets()))
        out.replace(s, QStringLiteral("***"));
    return out;
}

void SecretMasker::clearForTests() {
    QMutexLocker lock(&secretsMutex());
    secrets().clear();
}

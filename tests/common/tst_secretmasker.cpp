#include "secretmasker.h"

#include <QTest>

class TestSecretMasker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { SecretMasker::clearForTests(); }
    void masksRegisteredSecrets() {
        SecretMasker::registerSecret(QStringLiteral("sk-live-123456"));
        QCOMPARE(SecretMasker::mask(QStringLiteral("Bearer sk-live-123456 failed")),
                 QStringLiteral("Bearer *** failed"));
    }
    void longerSecretMaskedWholeWhenAnotherIsItsPrefix() {
        // Registered short first: the long key must still vanish entirely.
        SecretMasker::registerSecret(QStringLiteral("sk-abc"));
        SecretMasker::registerSecret(QStringLiteral("sk-abc-VERY-SECRET-42"));
        QCOMPARE(SecretMasker::mask(QStringLiteral("k=sk-abc-VERY-SECRET-42 and sk-abc")),
                 QStringLiteral("k=*** and ***"));
    }
    void ignoresTooShortSecrets() {
        SecretMasker::registerSecret(QStringLiteral("a"));
        QCOMPARE(SecretMasker::mask(QStringLiteral("a cat")), QStringLiteral("a cat"));
    }
};

QTEST_GUILESS_MAIN(TestSecretMasker)
#include "tst_secretmasker.moc"

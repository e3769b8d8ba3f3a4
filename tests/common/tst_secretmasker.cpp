#include "secretmasker.h"

#include <QTest>

class TestSecretMasker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { SecretMasker::clearForTests(); }
    void masksRegisteredSecrets()
    {
        SecretMasker::registerSecret(QStringLiteral("sk-live-123456"));
        QCOMPARE(SecretMasker::mask(QStringLiteral("Bearer sk-live-123456 failed")),
                 QStringLiteral("Bearer *** failed"));
    }
    void ignoresTooShortSecrets()
    {
        SecretMasker::registerSecret(QStringLiteral("a"));
        QCOMPARE(SecretMasker::mask(QStringLiteral("a cat")), QStringLiteral("a cat"));
    }
};

QTEST_GUILESS_MAIN(TestSecretMasker)
#include "tst_secretmasker.moc"

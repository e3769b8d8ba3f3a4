#include "common/secretmasker.h"

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
    void redactsUrlsInsideMessages() {
        // Qt's own messages quote the URL; its credentials are masked wherever they are,
        // however short, without being registered.
        QCOMPARE(SecretMasker::mask(QStringLiteral(
                     "Error transferring http://bob:pw@h:8/v1/x?key=k1&n=2 - server replied: 401")),
                 QStringLiteral("Error transferring http://***@h:8/v1/x?key=***&n=2 - server "
                                "replied: 401"));
    }
    void registersWhatAUrlCarries() {
        SecretMasker::registerUrlSecrets(QUrl(
            QStringLiteral("https://alice:hunter2-long@api.example/v1?access_token=tok-9876")));
        // A server echoing them back in plain text, outside any URL.
        QCOMPARE(SecretMasker::mask(QStringLiteral("bad password hunter2-long, token tok-9876")),
                 QStringLiteral("bad password ***, token ***"));
        QCOMPARE(SecretMasker::mask(QStringLiteral("user alice")), QStringLiteral("user alice"));
    }
    void ignoresTooShortSecrets() {
        SecretMasker::registerSecret(QStringLiteral("a"));
        QCOMPARE(SecretMasker::mask(QStringLiteral("a cat")), QStringLiteral("a cat"));
    }
};

QTEST_GUILESS_MAIN(TestSecretMasker)
#include "tst_secretmasker.moc"

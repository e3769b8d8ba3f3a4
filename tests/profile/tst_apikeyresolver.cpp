#include "common/secretmasker.h"
#include "profile/apikeyresolver.h"

#include <QTest>

class TestApiKeyResolver : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup() {
        SecretMasker::clearForTests();
        qunsetenv("PLATEAU_TEST_KEY");
    }
    void classifiesReferences_data();
    void classifiesReferences();
    void resolvesEnvAndRegistersSecret();
    void unsetVariableIsAnError();
    void emptyVariableIsNotUnset();
    void controlCharactersAreRefusedUnquoted();
    void emptyReferenceMeansNoKey();
    void keychainIsLeftToTheGui();
    void literalIsRefusedWithoutEcho();
    void buildsReferences();
};

void TestApiKeyResolver::classifiesReferences_data() {
    QTest::addColumn<QString>("reference");
    QTest::addColumn<bool>("env");
    QTest::addColumn<bool>("keychain");
    QTest::addColumn<bool>("reference_ok");
    QTest::newRow("empty") << QString() << false << false << true;
    QTest::newRow("env") << QStringLiteral("${env:OPENAI_API_KEY}") << true << false << true;
    QTest::newRow("env lowercase") << QStringLiteral("${env:_my_key2}") << true << false << true;
    QTest::newRow("env digit first") << QStringLiteral("${env:2KEY}") << false << false << false;
    QTest::newRow("env with space") << QStringLiteral("${env:MY KEY}") << false << false << false;
    QTest::newRow("env unterminated") << QStringLiteral("${env:KEY") << false << false << false;
    QTest::newRow("env trailing text") << QStringLiteral("${env:KEY}x") << false << false << false;
    QTest::newRow("env then newline") << QStringLiteral("${env:KEY}\n") << false << false << false;
    QTest::newRow("keychain") << QStringLiteral("keychain:plateau/prod") << false << true << true;
    QTest::newRow("keychain empty") << QStringLiteral("keychain:") << false << false << false;
    QTest::newRow("literal") << QStringLiteral("sk-abc123") << false << false << false;
    QTest::newRow("dapi token") << QStringLiteral("dapi0123456789abcdef") << false << false
                                << false;
}

void TestApiKeyResolver::classifiesReferences() {
    QFETCH(QString, reference);
    QFETCH(bool, env);
    QFETCH(bool, keychain);
    QFETCH(bool, reference_ok);
    QCOMPARE(ApiKeyResolver::isEnvReference(reference), env);
    QCOMPARE(ApiKeyResolver::isKeychainReference(reference), keychain);
    QCOMPARE(ApiKeyResolver::isReference(reference), reference_ok);
}

void TestApiKeyResolver::resolvesEnvAndRegistersSecret() {
    qputenv("PLATEAU_TEST_KEY", "sk-test-secret-42");
    QString secret;
    QString error;
    QVERIFY(ApiKeyResolver::resolve(QStringLiteral("${env:PLATEAU_TEST_KEY}"), &secret, &error));
    QCOMPARE(secret, QStringLiteral("sk-test-secret-42"));
    QCOMPARE(SecretMasker::mask(QStringLiteral("401 for key sk-test-secret-42")),
             QStringLiteral("401 for key ***"));
}

void TestApiKeyResolver::unsetVariableIsAnError() {
    QString secret = QStringLiteral("stale");
    QString error;
    QVERIFY(!ApiKeyResolver::resolve(QStringLiteral("${env:PLATEAU_TEST_KEY}"), &secret, &error));
    QVERIFY(secret.isEmpty());
    QVERIFY2(error.startsWith(QStringLiteral("environment variable PLATEAU_TEST_KEY is not set")),
             qPrintable(error));
}

void TestApiKeyResolver::emptyVariableIsNotUnset() {
    qputenv("PLATEAU_TEST_KEY", "");
    QString secret;
    QString error;
    QVERIFY(!ApiKeyResolver::resolve(QStringLiteral("${env:PLATEAU_TEST_KEY}"), &secret, &error));
    QVERIFY2(error.startsWith(QStringLiteral("environment variable PLATEAU_TEST_KEY is set but "
                                             "empty")),
             qPrintable(error));
}

void TestApiKeyResolver::controlCharactersAreRefusedUnquoted() {
    for (const char* key :
         {"sk-test-key-1\n", "sk-test-key-1\r\nX-Injected: 1", "sk-\x1b[0m-key"}) {
        qputenv("PLATEAU_TEST_KEY", key);
        QString secret;
        QString error;
        QVERIFY(
            !ApiKeyResolver::resolve(QStringLiteral("${env:PLATEAU_TEST_KEY}"), &secret, &error));
        QVERIFY(secret.isEmpty());
        QVERIFY2(error.startsWith(u"the API key in $PLATEAU_TEST_KEY contains "),
                 qPrintable(error));
        QVERIFY2(!error.contains(u"sk-"), qPrintable(error)); // never quoted, not even in part
    }
    QString error;
    QVERIFY(
        ApiKeyResolver::checkSecret(QStringLiteral("sk-fine\tkey"), QStringLiteral("k"), &error));
}

void TestApiKeyResolver::emptyReferenceMeansNoKey() {
    QString secret = QStringLiteral("stale");
    QString error;
    QVERIFY(ApiKeyResolver::resolve(QString(), &secret, &error));
    QVERIFY(secret.isEmpty());
    QVERIFY(error.isEmpty());
}

void TestApiKeyResolver::keychainIsLeftToTheGui() {
    QString secret;
    QString error;
    QVERIFY(!ApiKeyResolver::resolve(QStringLiteral("keychain:prod"), &secret, &error));
    QVERIFY2(error.contains(QStringLiteral("keychain")), qPrintable(error));
    QCOMPARE(ApiKeyResolver::keychainEntry(QStringLiteral("keychain:prod")),
             QStringLiteral("prod"));
}

void TestApiKeyResolver::literalIsRefusedWithoutEcho() {
    QString secret;
    QString error;
    QVERIFY(!ApiKeyResolver::resolve(QStringLiteral("sk-literal-999"), &secret, &error));
    QVERIFY(secret.isEmpty());
    QVERIFY(!error.isEmpty());
    QVERIFY(!error.contains(QStringLiteral("sk-literal")));
}

void TestApiKeyResolver::buildsReferences() {
    QCOMPARE(ApiKeyResolver::envReference(QStringLiteral("DATABRICKS_TOKEN")),
             QStringLiteral("${env:DATABRICKS_TOKEN}"));
    QCOMPARE(ApiKeyResolver::envVariableName(QStringLiteral("${env:DATABRICKS_TOKEN}")),
             QStringLiteral("DATABRICKS_TOKEN"));
    QCOMPARE(ApiKeyResolver::envVariableName(QStringLiteral("DATABRICKS_TOKEN")), QString());
    QCOMPARE(ApiKeyResolver::keychainReference(QStringLiteral("a/b")),
             QStringLiteral("keychain:a/b"));
}

QTEST_GUILESS_MAIN(TestApiKeyResolver)
#include "tst_apikeyresolver.moc"

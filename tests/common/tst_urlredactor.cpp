#include "common/urlredactor.h"

#include <QTest>

class TestUrlRedactor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void redacts_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("redacted");
        QTest::newRow("no credentials") << QStringLiteral("http://127.0.0.1:8000/v1?model=x")
                                        << QStringLiteral("http://127.0.0.1:8000/v1?model=x");
        QTest::newRow("user and password")
            << QStringLiteral("http://user:pass@host/v1") << QStringLiteral("http://***@host/v1");
        QTest::newRow("lone token as user")
            << QStringLiteral("https://ghp_TOKEN@host") << QStringLiteral("https://***@host");
        QTest::newRow("@ in the path is not user info")
            << QStringLiteral("http://host/a@b") << QStringLiteral("http://host/a@b");
        QTest::newRow("query parameters")
            << QStringLiteral("https://h/v1?api-key=K1&model=m&token=T2&Signature=S3&code=C")
            << QStringLiteral("https://h/v1?api-key=***&model=m&token=***&Signature=***&code=***");
        QTest::newRow("every listed name")
            << QStringLiteral("http://h/?api_key=1&key=2&access_token=3&sig=4&password=5&secret=6")
            << QStringLiteral("http://h/?api_key=***&key=***&access_token=***&sig=***&password=***"
                              "&secret=***");
        QTest::newRow("suffix names")
            << QStringLiteral("http://h/?subscription-key=1&hf_token=2")
            << QStringLiteral("http://h/?subscription-key=***&hf_token=***");
        QTest::newRow("not credentials") << QStringLiteral("http://h/?monkey=1&keys=2&tokens=3")
                                         << QStringLiteral("http://h/?monkey=1&keys=2&tokens=3");
        QTest::newRow("percent-encoded name")
            << QStringLiteral("http://h/?api%2Dkey=1") << QStringLiteral("http://h/?api%2Dkey=***");
        QTest::newRow("empty value kept")
            << QStringLiteral("http://h/?key=&a=1") << QStringLiteral("http://h/?key=&a=1");
        QTest::newRow("fragment") << QStringLiteral("https://h/cb#access_token=T&state=1")
                                  << QStringLiteral("https://h/cb#access_token=***&state=1");
        QTest::newRow("both") << QStringLiteral("http://u:p@h:81/v1?key=K#x")
                              << QStringLiteral("http://***@h:81/v1?key=***#x");
        QTest::newRow("sim") << QStringLiteral("sim:default") << QStringLiteral("sim:default");
    }
    void redacts() {
        QFETCH(QString, url);
        QFETCH(QString, redacted);
        QCOMPARE(UrlRedactor::redact(url), redacted);
        QCOMPARE(UrlRedactor::redactUrlsIn(u"at " + url + u" (401)"),
                 u"at " + redacted + u" (401)");
        QCOMPARE(UrlRedactor::hasCredentials(QUrl(url)), url != redacted);
    }
    void redactedUrlKeepsTheRest() {
        const QUrl url(QStringLiteral("https://u:p@api.example:8443/v1/chat?api-key=K&n=1"));
        const QUrl safe = UrlRedactor::redacted(url);
        QVERIFY(safe.isValid());
        QCOMPARE(safe.host(), QStringLiteral("api.example"));
        QCOMPARE(safe.port(), 8443);
        QCOMPARE(safe.path(), QStringLiteral("/v1/chat"));
        QCOMPARE(safe.password(), QString());
        QVERIFY(!safe.toString().contains(u'K'));
        QCOMPARE(UrlRedactor::display(url),
                 QStringLiteral("https://***@api.example:8443/v1/chat?api-key=***&n=1"));
    }
    void secretsOf() {
        QCOMPARE(UrlRedactor::secretsOf(QUrl(QStringLiteral("http://u:p%40ss@h/?token=a%2Bb&x=1"))),
                 (QStringList{QStringLiteral("p@ss"), QStringLiteral("a+b")}));
        QCOMPARE(UrlRedactor::secretsOf(QUrl(QStringLiteral("http://tok@h/"))),
                 QStringList{QStringLiteral("tok")});
    }
};

QTEST_GUILESS_MAIN(TestUrlRedactor)
#include "tst_urlredactor.moc"

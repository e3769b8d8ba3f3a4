// Which transport a run takes: the direct HTTP/1.1 client only for plain http/https
// without HTTP/2 and without a proxy; Qt's stack for everything else, and whenever the
// user forces it. The proxy comes from the environment here (as on a real machine); the
// variables are restored afterwards.

#include "envguard.h"
#include "profile/endpointconfig.h"
#include "transport/transportselector.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestTransportSelector : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void choice_data();
    void choice();
};

void TestTransportSelector::choice_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("forceQt");
    QTest::addColumn<bool>("http2");
    QTest::addColumn<bool>("noProxy");
    QTest::addColumn<QByteArray>("proxyEnv");
    QTest::addColumn<bool>("direct");
    const QByteArray none;
    const QByteArray proxy = "http://127.0.0.1:9"; // never contacted: only consulted
    QTest::newRow("http, no proxy")
        << u"http://example.test/v1"_s << false << false << true << none << true;
    QTest::newRow("https, no proxy")
        << u"https://example.test/v1"_s << false << false << true << none << true;
    QTest::newRow("forced qt") << u"http://example.test/v1"_s << true << false << true << none
                               << false;
    QTest::newRow("http2 stays on qt")
        << u"https://example.test/v1"_s << false << true << true << none << false;
    QTest::newRow("sim scheme") << u"sim:default"_s << false << false << true << none << false;
    QTest::newRow("proxy in the environment")
        << u"http://example.test/v1"_s << false << false << false << proxy << false;
    QTest::newRow("environment without proxy")
        << u"http://example.test/v1"_s << false << false << false << none << true;
    QTest::newRow("proxy, but the endpoint disables it")
        << u"http://example.test/v1"_s << false << false << true << proxy << true;
}

void TestTransportSelector::choice() {
    QFETCH(QString, url);
    QFETCH(bool, forceQt);
    QFETCH(bool, http2);
    QFETCH(bool, noProxy);
    QFETCH(QByteArray, proxyEnv);
    QFETCH(bool, direct);
    EnvGuard a("http_proxy", proxyEnv);
    EnvGuard b("HTTP_PROXY", proxyEnv);
    EnvGuard c("https_proxy", proxyEnv);
    EnvGuard d("HTTPS_PROXY", proxyEnv);
    EnvGuard e("no_proxy", QByteArray());
    EnvGuard f("NO_PROXY", QByteArray());
    EndpointConfig endpoint;
    endpoint.url = QUrl(url);
    endpoint.http2 = http2;
    const auto choice = forceQt ? EngineOptions::Transport::Qt : EngineOptions::Transport::Auto;
    QCOMPARE(TransportSelector::useDirectHttp(choice, endpoint, noProxy), direct);
}

QTEST_GUILESS_MAIN(TestTransportSelector)
#include "tst_transportselector.moc"

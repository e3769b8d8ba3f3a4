// TlsErrorText through real handshakes with a loopback TLS server and a private CA made at
// test time: Test connection (and a run's record) says which TLS check failed and how to fix
// it — an expired certificate with its date, a wrong host name with the names the
// certificate holds, a server that requires a client certificate (refused without one,
// accepted with the encrypted key and its passphrase from the environment).

#include "cannedhttpserver.h"
#include "connectiontestutil.h"
#include "envguard.h"
#include "record/requestrecord.h"
#include "testpki.h"
#include "transport/tlserrortext.h"

#include <QSslSocket>
#include <QTest>

using namespace ConnectionTestUtil;

class TestTlsErrorText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void failedCheckIsNamed_data();
    void failedCheckIsNamed();
    void clientCertificateRequired();
    void alertText();

private:
    bool startServer(CannedHttpServer* server, TestPki::Server which, bool requireClient);
    TestPki m_pki;
};

void TestTlsErrorText::initTestCase() {
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend in this Qt build");
    QVERIFY2(m_pki.create(), qPrintable(m_pki.error()));
}

bool TestTlsErrorText::startServer(CannedHttpServer* server, TestPki::Server which,
                                   bool requireClient) {
    server->setResponse(CannedHttpServer::response(
        200, "OK", "text/event-stream", readSample("llama-server-chat-usage.sse"), true));
    return server->listen(m_pki.serverConfig(which, requireClient));
}

void TestTlsErrorText::failedCheckIsNamed_data() {
    QTest::addColumn<int>("server");
    QTest::addColumn<QStringList>("parts");
    // The date itself is compared with the certificate's in the test.
    QTest::newRow("expired") << int(TestPki::Server::Expired)
                             << QStringList{QStringLiteral("certificate 'CN=127.0.0.1' expired "
                                                           "on "),
                                            QStringLiteral("renew")};
    QTest::newRow("wrong host") << int(TestPki::Server::WrongHost)
                                << QStringList{QStringLiteral("DNS:wrong.example"),
                                               QStringLiteral("DNS:*.wrong.example"),
                                               QStringLiteral("not for 127.0.0.1"),
                                               QStringLiteral("use a URL with one of those names")};
}

void TestTlsErrorText::failedCheckIsNamed() {
    QFETCH(int, server);
    QFETCH(QStringList, parts);
    CannedHttpServer tlsServer;
    QVERIFY(startServer(&tlsServer, TestPki::Server(server), false));
    EndpointConfig endpoint = endpointFor(tlsServer.port(), true);
    endpoint.caCertFile = m_pki.caCert(); // trusted CA: only the named check fails
    const ConnectionTestResult result = runTest(endpoint);
    QCOMPARE(result.error, ErrorClass::Tls);
    for (const QString& part : parts)
        QVERIFY2(result.plainMessage.contains(part), qPrintable(result.plainMessage));
    QVERIFY2(!result.plainMessage.contains(u"not trusted"), qPrintable(result.plainMessage));
    if (TestPki::Server(server) == TestPki::Server::Expired) {
        const QDateTime expiry =
            QSslCertificate::fromPath(m_pki.path(QStringLiteral("expired.crt")))
                .value(0)
                .expiryDate();
        QVERIFY2(result.plainMessage.contains(
                     expiry.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))),
                 qPrintable(result.plainMessage));
    }
    QCOMPARE(tlsServer.requests().size(), 0);
}

void TestTlsErrorText::clientCertificateRequired() {
    CannedHttpServer server;
    QVERIFY(startServer(&server, TestPki::Server::Good, true));
    EndpointConfig endpoint = endpointFor(server.port(), true);
    endpoint.caCertFile = m_pki.caCert();
    const ConnectionTestResult refused = runTest(endpoint);
    QVERIFY(!refused.ok);
    QVERIFY2(refused.plainMessage.contains(u"requires a client certificate (mutual TLS) — give "
                                           u"one with --client-cert FILE --client-key FILE"),
             qPrintable(refused.plainMessage));
    QCOMPARE(server.requests().size(), 0);

    endpoint.clientCertFile = m_pki.clientCert();
    endpoint.clientKeyFile = m_pki.clientKeyEncrypted();
    endpoint.clientKeyPassphraseRef = QStringLiteral("${env:PLATEAU_TEST_KEY_PASS}");
    EnvGuard passphrase("PLATEAU_TEST_KEY_PASS", TestPki::kPassphrase);
    const ConnectionTestResult accepted = runTest(endpoint);
    QVERIFY2(accepted.ok, qPrintable(accepted.plainMessage));
    QCOMPARE(server.requests().size(), 1);
}

void TestTlsErrorText::alertText() {
    QVERIFY(TlsErrorText::explainAlert(QStringLiteral("error:0A00045C:SSL routines::tlsv13 alert "
                                                      "certificate required"))
                .contains(u"--client-cert"));
    QVERIFY(TlsErrorText::explainAlert(QStringLiteral("Connection refused")).isEmpty());
    // Certificate text comes from the network: never an escape sequence on a terminal.
    QVERIFY(!TlsErrorText::explainAlert(QStringLiteral("alert bad certificate \x1b[2J"))
                 .contains(QChar(0x1b)));
}

QTEST_MAIN(TestTlsErrorText)
#include "tst_tlserrortext.moc"

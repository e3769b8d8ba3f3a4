// One request's life on its own: timeouts (first token, idle, total), cancel, the grace
// after [DONE], error events ending the read at once, and timestamp order. Runs against
// a scripted loopback server that produces exactly the stream each case needs.

#include "apiflavor.h"
#include "requestexecution.h"
#include "scriptedserver.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>

namespace {
using Script = QList<ScriptedServer::Step>;

struct Timeouts {
    double firstToken = 30.0;
    double idle = 30.0;
    double total = 60.0;
};

RequestJob makeJob(quint16 port, const Timeouts& timeouts, bool https = false,
                   bool verifyTls = true) {
    auto context = std::make_shared<RunContext>();
    QUrl url;
    url.setScheme(https ? QStringLiteral("https") : QStringLiteral("http"));
    context->endpoint.verifyTls = verifyTls;
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    context->endpoint.url = url;
    context->endpoint.firstTokenTimeoutS = timeouts.firstToken;
    context->endpoint.idleTimeoutS = timeouts.idle;
    context->endpoint.totalTimeoutS = timeouts.total;
    context->maxTokens = 8;
    context->prompts = std::make_shared<PromptGenerator>(PromptSource{}, 1);
    RequestJob job;
    job.seed.id = 7;
    job.seed.level = 0;
    job.seed.tSchedNs = 1;
    job.cookie = 3;
    job.context = context;
    return job;
}
} // namespace

Q_DECLARE_METATYPE(Timeouts)

class TestRequestExecution : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void outcome_data();
    void outcome();
    void cancelAbortsTheTransfer();
    void tlsVerificationAndItsOptOut_data();
    void tlsVerificationAndItsOptOut();
};

void TestRequestExecution::outcome_data() {
    using S = ScriptedServer;
    QTest::addColumn<Script>("script");
    QTest::addColumn<bool>("closeAtEnd");
    QTest::addColumn<Timeouts>("timeouts");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("messageStart");
    QTest::addColumn<int>("contentEvents");

    const QByteArray roleOnly =
        S::event(R"({"choices":[{"index":0,"delta":{"role":"assistant"}}]})");
    QTest::newRow("clean stream") << Script{{0, S::head()},
                                            {5, S::content(QStringLiteral("a"))},
                                            {5, S::content(QStringLiteral("b"))},
                                            {5, S::content(QStringLiteral("c"))},
                                            {5, S::finishEvent() + S::done() + S::lastChunk()}}
                                  << false << Timeouts{} << QString() << QString() << 3;
    QTest::newRow("done but the response stays open: grace, then success")
        << Script{{0, S::head()},
                  {5, S::content(QStringLiteral("a"))},
                  {5, S::finishEvent() + S::done()}}
        << false << Timeouts{} << QString() << QString() << 1;
    QTest::newRow("first-token timeout after a role-only chunk")
        << Script{{0, S::head() + roleOnly}} << false << Timeouts{0.3, 30.0, 60.0}
        << ErrorClass::Timeout << QStringLiteral("first-token timeout") << 0;
    QTest::newRow("idle timeout after one token")
        << Script{{0, S::head()}, {5, S::content(QStringLiteral("a"))}} << false
        << Timeouts{30.0, 0.3, 60.0} << ErrorClass::Timeout << QStringLiteral("idle timeout") << 1;
    Script slow{{0, S::head()}};
    for (int i = 0; i < 60; ++i)
        slow.append({50, S::content(QStringLiteral("x"))});
    QTest::newRow("total timeout while tokens still flow")
        << slow << false << Timeouts{30.0, 30.0, 0.5} << ErrorClass::Timeout
        << QStringLiteral("total timeout") << -1;
    QTest::newRow("error event ends the read at once")
        << Script{{0, S::head()},
                  {5, S::content(QStringLiteral("a"))},
                  {5, S::event(R"({"error":{"message":"boom"}})")}}
        << false << Timeouts{} << ErrorClass::StreamErrorEvent << QString() << 1;
    QTest::newRow("cut before the finish chunk")
        << Script{{0, S::head()}, {5, S::content(QStringLiteral("a"))}} << true << Timeouts{}
        << ErrorClass::Reset << QString() << 1;
}

void TestRequestExecution::outcome() {
    QFETCH(Script, script);
    QFETCH(bool, closeAtEnd);
    QFETCH(Timeouts, timeouts);
    QFETCH(QString, error);
    QFETCH(QString, messageStart);
    QFETCH(int, contentEvents);

    ScriptedServer server;
    QVERIFY(server.listen());
    server.setScript(script, closeAtEnd);
    const auto flavor = ApiFlavor::create(QStringLiteral("openai-chat"));
    QVERIFY(flavor);
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    std::atomic<qint64> events{0};
    RequestExecution execution(makeJob(server.port(), timeouts), *flavor, &manager, &events);
    QSignalSpy done(&execution, &RequestExecution::done);
    QElapsedTimer clock;
    clock.start();
    execution.start();
    QVERIFY(done.wait(20000));
    const qint64 tookMs = clock.elapsed();
    QCOMPARE(done.size(), 1);
    QVERIFY(execution.isDone());
    QCOMPARE(execution.cookie(), qint64(3));

    const RequestRecord record = execution.takeRecord();
    QCOMPARE(record.error, error);
    QVERIFY2(record.errorMessage.startsWith(messageStart), qPrintable(record.errorMessage));
    QCOMPARE(record.id, quint64(7));
    QCOMPARE(record.tSchedNs, qint64(1));
    QVERIFY(record.tSendNs > 0);
    QVERIFY(record.tHeadersNs >= record.tSendNs);
    QVERIFY(record.tEndNs >= record.tHeadersNs);
    if (contentEvents >= 0) {
        QCOMPARE(record.contentEventNs.size(), qsizetype(contentEvents));
        QCOMPARE(events.load(), qint64(contentEvents));
    }
    if (record.ok())
        QCOMPARE(record.finishReason, QStringLiteral("stop"));
    if (error == ErrorClass::StreamErrorEvent)
        QVERIFY(tookMs < 10000); // not left waiting for the 30 s idle timeout
    if (error == ErrorClass::Timeout) {
        // Every timeout here is 0.3-0.5 s; the connect default (10 s) must not decide.
        QVERIFY(tookMs < 5000);
        QTRY_COMPARE_WITH_TIMEOUT(server.clientDisconnects(), 1, 5000); // the client hung up
    }
    QCOMPARE(server.requestsSeen(), 1);
}

void TestRequestExecution::cancelAbortsTheTransfer() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setScript(
        {{0, ScriptedServer::head()}, {5, ScriptedServer::content(QStringLiteral("a"))}}, false);
    const auto flavor = ApiFlavor::create(QStringLiteral("openai-chat"));
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    std::atomic<qint64> events{0};
    RequestExecution execution(makeJob(server.port(), Timeouts{}), *flavor, &manager, &events);
    QSignalSpy done(&execution, &RequestExecution::done);
    execution.start();
    QTRY_COMPARE_WITH_TIMEOUT(events.load(), qint64(1), 10000);
    execution.cancel(QStringLiteral("run stopped by the user"));
    QCOMPARE(done.size(), 1); // synchronously
    const RequestRecord record = execution.takeRecord();
    QCOMPARE(record.error, ErrorClass::Cancelled);
    QCOMPARE(record.errorMessage, QStringLiteral("run stopped by the user"));
    QCOMPARE(record.contentEventNs.size(), qsizetype(1)); // what was measured is kept
    QTRY_COMPARE_WITH_TIMEOUT(server.clientDisconnects(), 1, 5000);
    execution.cancel(QStringLiteral("again")); // idempotent
    QCOMPARE(done.size(), 1);
}

void TestRequestExecution::tlsVerificationAndItsOptOut_data() {
    QTest::addColumn<bool>("verifyTls");
    QTest::addColumn<QString>("error");
    QTest::newRow("verified by default: a self-signed certificate fails")
        << true << ErrorClass::Tls;
    QTest::newRow("explicit opt-out: accepted") << false << QString();
}

void TestRequestExecution::tlsVerificationAndItsOptOut() {
    QFETCH(bool, verifyTls);
    QFETCH(QString, error);
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend in this Qt build");
    using S = ScriptedServer;
    ScriptedServer server;
    QVERIFY(server.useTls(QStringLiteral(PLATEAU_TEST_DATA_DIR "/selfsigned.crt"),
                          QStringLiteral(PLATEAU_TEST_DATA_DIR "/selfsigned.key")));
    QVERIFY(server.listen());
    server.setScript({{0, S::head() + S::content(QStringLiteral("a")) + S::finishEvent() +
                              S::done() + S::lastChunk()}},
                     false);
    const auto flavor = ApiFlavor::create(QStringLiteral("openai-chat"));
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    std::atomic<qint64> events{0};
    RequestExecution execution(makeJob(server.port(), Timeouts{}, true, verifyTls), *flavor,
                               &manager, &events);
    QSignalSpy done(&execution, &RequestExecution::done);
    execution.start();
    QVERIFY(done.wait(20000));
    const RequestRecord record = execution.takeRecord();
    QVERIFY2(record.error == error, qPrintable(record.error + u": " + record.errorMessage));
    QCOMPARE(server.requestsSeen(), verifyTls ? 0 : 1);
}

QTEST_GUILESS_MAIN(TestRequestExecution)
#include "tst_requestexecution.moc"

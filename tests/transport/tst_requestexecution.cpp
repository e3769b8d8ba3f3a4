// One request's life on its own: timeouts (first token, idle, total), cancel, the grace
// after [DONE], error events ending the read at once, and timestamp order. Runs against
// a scripted loopback server that produces exactly the stream each case needs.

#include "protocol/apiflavor.h"
#include "scriptedserver.h"
#include "transport/httpconnectionpool.h"
#include "transport/requestexecution.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
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
    double connect = 10.0;
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
    context->endpoint.connectTimeoutS = timeouts.connect;
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
// The transport under test (initTestCase_data runs every case on both): Qt's
// QNetworkAccessManager, or the direct HTTP/1.1 client with its per-thread pool.
struct Stack {
    Stack() { manager.setProxy(QNetworkProxy::NoProxy); }
    std::unique_ptr<RequestExecution> make(const RequestJob& job, const ApiFlavor& flavor,
                                           std::atomic<qint64>* events) {
        QFETCH_GLOBAL(bool, direct);
        if (direct)
            return std::make_unique<RequestExecution>(job, flavor, &pool, events);
        return std::make_unique<RequestExecution>(job, flavor, &manager, events);
    }
    QNetworkAccessManager manager;
    HttpConnectionPool pool;
};
} // namespace

Q_DECLARE_METATYPE(Timeouts)

class TestRequestExecution : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data();
    void outcome_data();
    void outcome();
    void cancelAbortsTheTransfer();
    void tlsVerificationAndItsOptOut_data();
    void tlsVerificationAndItsOptOut();
    void connectTimeout();
    void extraHeadersAndBodyReachTheServer();
};

void TestRequestExecution::initTestCase_data() {
    QTest::addColumn<bool>("direct");
    QTest::newRow("qt") << false;
    QTest::newRow("direct") << true;
}

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
    // A reset before the finish chunk (an orderly close there, which the two transports
    // class differently, is tst_transportfaults' business).
    QTest::newRow("reset before the finish chunk")
        << Script{{0, S::head()}, {5, S::content(QStringLiteral("a")), true}} << false << Timeouts{}
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
    Stack stack;
    std::atomic<qint64> events{0};
    auto execution = stack.make(makeJob(server.port(), timeouts), *flavor, &events);
    QSignalSpy done(execution.get(), &RequestExecution::done);
    QElapsedTimer clock;
    clock.start();
    execution->start();
    QVERIFY(done.wait(20000));
    const qint64 tookMs = clock.elapsed();
    QCOMPARE(done.size(), 1);
    QVERIFY(execution->isDone());
    QCOMPARE(execution->cookie(), qint64(3));

    const RequestRecord record = execution->takeRecord();
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
    Stack stack;
    std::atomic<qint64> events{0};
    auto execution = stack.make(makeJob(server.port(), Timeouts{}), *flavor, &events);
    QSignalSpy done(execution.get(), &RequestExecution::done);
    execution->start();
    QTRY_COMPARE_WITH_TIMEOUT(events.load(), qint64(1), 10000);
    execution->cancel(QStringLiteral("run stopped by the user"));
    QCOMPARE(done.size(), 1); // synchronously
    const RequestRecord record = execution->takeRecord();
    QCOMPARE(record.error, ErrorClass::Cancelled);
    QCOMPARE(record.errorMessage, QStringLiteral("run stopped by the user"));
    QCOMPARE(record.contentEventNs.size(), qsizetype(1)); // what was measured is kept
    QTRY_COMPARE_WITH_TIMEOUT(server.clientDisconnects(), 1, 5000);
    execution->cancel(QStringLiteral("again")); // idempotent
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
    QVERIFY(server.useTls(QStringLiteral(PLATEAU_TEST_CERTS_DIR "/selfsigned.crt"),
                          QStringLiteral(PLATEAU_TEST_CERTS_DIR "/selfsigned.key")));
    QVERIFY(server.listen());
    server.setScript({{0, S::head() + S::content(QStringLiteral("a")) + S::finishEvent() +
                              S::done() + S::lastChunk()}},
                     false);
    const auto flavor = ApiFlavor::create(QStringLiteral("openai-chat"));
    Stack stack;
    std::atomic<qint64> events{0};
    auto execution =
        stack.make(makeJob(server.port(), Timeouts{}, true, verifyTls), *flavor, &events);
    QSignalSpy done(execution.get(), &RequestExecution::done);
    execution->start();
    QVERIFY(done.wait(20000));
    const RequestRecord record = execution->takeRecord();
    QVERIFY2(record.error == error, qPrintable(record.error + u": " + record.errorMessage));
    QCOMPARE(server.requestsSeen(), verifyTls ? 0 : 1);
}

void TestRequestExecution::connectTimeout() {
    // A plain TCP listener behind an https URL: the TCP connection opens, but the TLS
    // handshake is never answered, so the request is never sent. That is the connecting
    // phase (TCP + TLS) stalling, which only the connect timeout may end.
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend in this Qt build");
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setScript({}, false);
    const auto flavor = ApiFlavor::create(QStringLiteral("openai-chat"));
    Stack stack;
    std::atomic<qint64> events{0};
    Timeouts timeouts;
    timeouts.connect = 0.4;
    auto execution = stack.make(makeJob(server.port(), timeouts, true, true), *flavor, &events);
    QSignalSpy done(execution.get(), &RequestExecution::done);
    QElapsedTimer clock;
    clock.start();
    execution->start();
    QVERIFY(done.wait(20000));
    const qint64 tookMs = clock.elapsed();
    const RequestRecord record = execution->takeRecord();
    QCOMPARE(record.error, ErrorClass::Timeout);
    QVERIFY2(record.errorMessage.startsWith(u"connect timeout"), qPrintable(record.errorMessage));
    QCOMPARE(record.tHeadersNs, qint64(-1));
    QVERIFY(record.tEndNs - record.tSendNs >= 400000000); // never before its deadline
    // Well before the first-token (30 s) and total (60 s) deadlines; generous for a busy box.
    QVERIFY2(tookMs < 10000, qPrintable(QString::number(tookMs)));
    QCOMPARE(server.connectionsSeen(), 1);
    QCOMPARE(server.requestsSeen(), 0);
    // (Qt keeps connecting the channel of an aborted, never-sent request, so the socket
    // is not necessarily closed here; the manager closes it when it goes.)
}

void TestRequestExecution::extraHeadersAndBodyReachTheServer() {
    using S = ScriptedServer;
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setScript({{0, S::head() + S::content(QStringLiteral("a")) + S::finishEvent() +
                              S::done() + S::lastChunk()}},
                     false);
    const auto flavor = ApiFlavor::create(QStringLiteral("openai-chat"));
    Stack stack;
    std::atomic<qint64> events{0};
    RequestJob job = makeJob(server.port(), Timeouts{});
    auto context = std::make_shared<RunContext>(*job.context);
    context->endpoint.headers = {{QStringLiteral("X-Plateau-Test"), QStringLiteral("yes")}};
    context->endpoint.extraBody =
        QJsonObject{{QStringLiteral("temperature"), 0.25}, {QStringLiteral("ignore_eos"), true}};
    job.context = context;
    auto execution = stack.make(job, *flavor, &events);
    QSignalSpy done(execution.get(), &RequestExecution::done);
    execution->start();
    QVERIFY(done.wait(20000));
    const RequestRecord record = execution->takeRecord();
    QVERIFY2(record.ok(), qPrintable(record.error + u": " + record.errorMessage));

    const QByteArray head = server.lastRequestHead().toLower();
    QVERIFY2(head.contains("\r\nx-plateau-test: yes"), head.constData());
    // The raw stream is measured: no compression negotiated behind our back.
    QVERIFY2(head.contains("\r\naccept-encoding: identity"), head.constData());
    const QJsonObject body = QJsonDocument::fromJson(server.lastRequestBody()).object();
    QCOMPARE(body.value(u"temperature").toDouble(), 0.25);
    QCOMPARE(body.value(u"ignore_eos").toBool(), true);
    // The merge keeps what the flavor must always send.
    QCOMPARE(body.value(u"stream").toBool(), true);
    QCOMPARE(body.value(u"stream_options").toObject().value(u"include_usage").toBool(), true);
    QCOMPARE(body.value(u"max_tokens").toInt(), 8);
}

QTEST_GUILESS_MAIN(TestRequestExecution)
#include "tst_requestexecution.moc"

// Both transports (Qt's stack, and the direct client over plain TCP and over TLS) against a
// server that misbehaves on purpose (tests/support/MisbehavingServer): a real TCP reset
// and an orderly close mid-stream, in either framing; escape sequences in error bodies and
// events; an endless line; a huge header block; a stall; header injection; credentials in
// the URL. Each case says what the record must be.

#include "common/secretmasker.h"
#include "misbehavingserver.h"
#include "protocol/apiflavor.h"
#include "transport/httpconnectionpool.h"
#include "transport/requestexecution.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTest>

namespace {
using M = MisbehavingServer;
using Framing = MisbehavingServer::Framing;

enum class Transport { Qt, Direct, DirectTls };

RequestJob makeJob(const QUrl& url, double idleTimeoutS = 30.0, double firstTokenTimeoutS = 30.0) {
    auto context = std::make_shared<RunContext>();
    context->endpoint.url = url;
    context->endpoint.verifyTls = false; // the test certificate is self-signed
    context->endpoint.firstTokenTimeoutS = firstTokenTimeoutS;
    context->endpoint.idleTimeoutS = idleTimeoutS;
    context->endpoint.totalTimeoutS = 60.0;
    context->maxTokens = 8;
    context->prompts = std::make_shared<PromptGenerator>(PromptSource{}, 1);
    RequestJob job;
    job.seed.id = 1;
    job.seed.tSchedNs = 1;
    job.context = context;
    return job;
}

// Every character a terminal or a bidi-aware view would act on.
bool hasUnsafeCharacter(const QString& text) {
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u <= 0x9f) || (u >= 0x202a && u <= 0x202e) ||
            (u >= 0x2066 && u <= 0x2069))
            return true;
    }
    return false;
}
} // namespace

class TestTransportFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data();
    void cutMidStream_data();
    void cutMidStream();
    void escapeSequencesAreMadeVisible_data();
    void escapeSequencesAreMadeVisible();
    void endlessLineIsRefused();
    void hugeHeaderBlockIsBounded();
    void stallEndsInTimeout();
    void headerInjectionNeverReachesTheWire_data();
    void headerInjectionNeverReachesTheWire();
    void urlCredentialsAreSentAsBasicAuth();

private:
    Transport transport() const {
        QFETCH_GLOBAL(int, transport);
        return Transport(transport);
    }
    bool listen(MisbehavingServer& server) const {
        if (transport() == Transport::DirectTls &&
            !server.useTls(QStringLiteral(PLATEAU_TEST_CERTS_DIR "/selfsigned.crt"),
                           QStringLiteral(PLATEAU_TEST_CERTS_DIR "/selfsigned.key")))
            return false;
        return server.listen();
    }
    // Runs one request to completion on the transport under test.
    RequestRecord run(const RequestJob& job) {
        const auto flavor = ApiFlavor::create(QStringLiteral("openai-chat"));
        std::atomic<qint64> events{0};
        QNetworkAccessManager manager;
        manager.setProxy(QNetworkProxy::NoProxy);
        HttpConnectionPool pool;
        auto execution = transport() == Transport::Qt
                             ? std::make_unique<RequestExecution>(job, *flavor, &manager, &events)
                             : std::make_unique<RequestExecution>(job, *flavor, &pool, &events);
        QSignalSpy done(execution.get(), &RequestExecution::done);
        execution->start();
        if (!done.wait(30000))
            return {};
        return execution->takeRecord();
    }
};

void TestTransportFaults::initTestCase_data() {
    QTest::addColumn<int>("transport");
    QTest::newRow("qt") << int(Transport::Qt);
    QTest::newRow("direct") << int(Transport::Direct);
    QTest::newRow("direct-tls") << int(Transport::DirectTls);
}

void TestTransportFaults::cutMidStream_data() {
    QTest::addColumn<int>("framing");
    QTest::addColumn<bool>("reset");       // a TCP RST, else an orderly close (FIN)
    QTest::addColumn<bool>("afterFinish"); // the finish chunk was sent before the cut
    QTest::newRow("chunked, reset") << int(Framing::Chunked) << true << false;
    QTest::newRow("chunked, close") << int(Framing::Chunked) << false << false;
    QTest::newRow("close-delimited, reset") << int(Framing::CloseDelimited) << true << false;
    QTest::newRow("close-delimited, close") << int(Framing::CloseDelimited) << false << false;
    QTest::newRow("chunked, reset after finish") << int(Framing::Chunked) << true << true;
    QTest::newRow("chunked, close after finish") << int(Framing::Chunked) << false << true;
}

void TestTransportFaults::cutMidStream() {
    QFETCH(int, framing);
    QFETCH(bool, reset);
    QFETCH(bool, afterFinish);
    const auto f = Framing(framing);
    MisbehavingServer server;
    QVERIFY(listen(server));
    QByteArray tail = M::content(QStringLiteral("b"), f);
    if (afterFinish)
        tail += M::finishEvent(f);
    server.setScript({M::Action::send(M::sseHead(f) + M::content(QStringLiteral("a"), f)),
                      M::Action::send(tail, 20),
                      reset ? M::Action::reset(20) : M::Action::close(20)});
    const RequestRecord record = run(makeJob(server.baseUrl()));
    // What arrived is kept.
    QVERIFY2(record.contentEventNs.size() == 2,
             qPrintable(QString::number(record.contentEventNs.size()) + u" events, " +
                        record.error + u": " + record.errorMessage));
    if (afterFinish) {
        // Only the trailer (usage, [DONE]) was lost: the answer stands.
        QVERIFY2(record.ok(), qPrintable(record.error + u": " + record.errorMessage));
        return;
    }
    // The class follows what happened on the socket (README, error classes): a reset is a
    // connection lost (`reset`); an orderly close before the finish is a truncated stream
    // (`bad_stream`). Qt's stack reads a reset as an end of file and cannot tell the two
    // apart: there, a cut inside the HTTP framing is `reset`, a close-delimited body ended
    // early is `bad_stream`, whatever the socket did.
    QString expected;
    if (transport() == Transport::Qt)
        expected = f == Framing::Chunked ? ErrorClass::Reset : ErrorClass::BadStream;
    else
        expected = reset ? ErrorClass::Reset : ErrorClass::BadStream;
    QVERIFY2(record.error == expected, qPrintable(record.error + u": " + record.errorMessage));
    if (transport() != Transport::Qt && reset)
        QVERIFY2(record.errorMessage.contains(u"reset"), qPrintable(record.errorMessage));
}

void TestTransportFaults::escapeSequencesAreMadeVisible_data() {
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QString>("error");
    // A JSON error whose message decodes to ESC, BEL, a bidi override and a C1 control.
    const QByteArray json =
        R"({"error":{"message":"\u001b[31mred\u0007 \u001b]0;pwned\u0007 \u202eevil \u009b2J"}})";
    QTest::newRow("json error body") << M::errorResponse(500, "Oops", json) << ErrorClass::Http5xx;
    QTest::newRow("raw error body")
        << M::errorResponse(400, "Bad", "\x1b[2J\x1b[H plain \x07 text \r overwritten")
        << ErrorClass::Http4xx;
    QTest::newRow("error event") << M::sseHead() + M::event(json) << ErrorClass::StreamErrorEvent;
}

void TestTransportFaults::escapeSequencesAreMadeVisible() {
    QFETCH(QByteArray, response);
    QFETCH(QString, error);
    MisbehavingServer server;
    QVERIFY(listen(server));
    server.setScript({M::Action::send(response)});
    const RequestRecord record = run(makeJob(server.baseUrl()));
    QCOMPARE(record.error, error);
    // Kept, not lost: every byte is there, as a visible escape.
    QVERIFY2(!hasUnsafeCharacter(record.errorMessage), qPrintable(record.errorMessage));
    QVERIFY2(record.errorMessage.contains(QLatin1String("\\x1b[")) ||
                 record.errorMessage.contains(QLatin1String("\\x07")),
             qPrintable(record.errorMessage));
    if (error != ErrorClass::Http4xx)
        QVERIFY2(record.errorMessage.contains(QLatin1String("\\u202e")),
                 qPrintable(record.errorMessage));
}

void TestTransportFaults::endlessLineIsRefused() {
    MisbehavingServer server;
    QVERIFY(listen(server));
    // An event line that never ends: the client must give up, not buffer it forever.
    server.setScript({M::Action::send(M::sseHead(Framing::CloseDelimited) + "data: {\"x\":\""),
                      M::Action::flood("aaaaaaaaaaaaaaaa", 64 * 1024 * 1024), M::Action::stall()});
    const RequestRecord record = run(makeJob(server.baseUrl()));
    QVERIFY2(record.error == ErrorClass::BadStream,
             qPrintable(record.error + u": " + record.errorMessage));
    QVERIFY(server.floodBytesWritten() < 64 * 1024 * 1024); // it stopped reading long before
}

void TestTransportFaults::hugeHeaderBlockIsBounded() {
    MisbehavingServer server;
    QVERIFY(listen(server));
    // 2 MiB of headers, then nothing: a client that holds them all and waits is the fault.
    server.setScript(
        {M::Action::send("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"),
         M::Action::flood("X-Filler: 0123456789abcdef0123456789abcdef\r\n", 2 * 1024 * 1024),
         M::Action::stall()});
    const RequestRecord record = run(makeJob(server.baseUrl(), 30.0, 5.0));
    QVERIFY(!record.ok());
    if (transport() != Transport::Qt) {
        // The direct client caps a response head at 64 KiB.
        QVERIFY2(record.error == ErrorClass::BadStream,
                 qPrintable(record.error + u": " + record.errorMessage));
        QVERIFY2(record.errorMessage.contains(u"head too large"), qPrintable(record.errorMessage));
    } else {
        QVERIFY2(record.error == ErrorClass::BadStream || record.error == ErrorClass::Timeout,
                 qPrintable(record.error + u": " + record.errorMessage));
    }
}

void TestTransportFaults::stallEndsInTimeout() {
    MisbehavingServer server;
    QVERIFY(listen(server));
    server.setScript(
        {M::Action::send(M::sseHead() + M::content(QStringLiteral("a"))), M::Action::stall()});
    const RequestRecord record = run(makeJob(server.baseUrl(), 0.3));
    QCOMPARE(record.error, ErrorClass::Timeout);
    QVERIFY2(record.errorMessage.startsWith(u"idle timeout"), qPrintable(record.errorMessage));
    QCOMPARE(record.contentEventNs.size(), qsizetype(1));
}

void TestTransportFaults::headerInjectionNeverReachesTheWire_data() {
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("apiKey");
    QTest::addColumn<QString>("named");
    QTest::newRow("LF in a header")
        << QStringLiteral("X-Trace") << QStringLiteral("1\r\nX-Injected: yes") << QString()
        << QStringLiteral("X-Trace");
    QTest::newRow("CR in a header")
        << QStringLiteral("X-Trace") << QStringLiteral("1\rX-Injected: yes") << QString()
        << QStringLiteral("X-Trace");
    QTest::newRow("NUL in a header") << QStringLiteral("X-Trace") << QStringLiteral("1\0002")
                                     << QString() << QStringLiteral("X-Trace");
    QTest::newRow("LF in the key")
        << QString() << QString() << QStringLiteral("sk-secret-key\r\nX-Injected: yes")
        << QStringLiteral("Authorization");
}

void TestTransportFaults::headerInjectionNeverReachesTheWire() {
    QFETCH(QString, header);
    QFETCH(QString, value);
    QFETCH(QString, apiKey);
    QFETCH(QString, named);
    MisbehavingServer server;
    QVERIFY(listen(server));
    server.setScript({M::Action::send(M::sseHead() + M::content(QStringLiteral("a")) +
                                      M::finishEvent() + M::done() + M::lastChunk())});
    // No validation on this path: the transports themselves must refuse (belt and braces).
    RequestJob job = makeJob(server.baseUrl());
    auto context = std::make_shared<RunContext>(*job.context);
    if (!header.isEmpty())
        context->endpoint.headers = {{header, value}};
    context->apiKey = apiKey;
    job.context = context;
    const RequestRecord record = run(job);
    QCOMPARE(record.error, ErrorClass::Connect);
    QVERIFY2(record.errorMessage.startsWith(u"request not sent") &&
                 record.errorMessage.contains(named),
             qPrintable(record.errorMessage));
    QVERIFY2(!record.errorMessage.contains(u"sk-secret"), qPrintable(record.errorMessage));
    QTest::qWait(50);
    QCOMPARE(server.requestsSeen(), 0);
    for (const QByteArray& raw : server.rawRequests())
        QVERIFY(!raw.contains("X-Injected"));
}

void TestTransportFaults::urlCredentialsAreSentAsBasicAuth() {
    MisbehavingServer server;
    QVERIFY(listen(server));
    server.setScript({M::Action::send(M::sseHead() + M::content(QStringLiteral("a")) +
                                      M::finishEvent() + M::done() + M::lastChunk())});
    QUrl url = server.baseUrl();
    url.setPath(QStringLiteral("/v1"));
    url.setUserName(QStringLiteral("alice"));
    url.setPassword(QStringLiteral("p@ss:word"));
    url.setQuery(QStringLiteral("api-key=QUERYSECRET"));
    const RequestRecord record = run(makeJob(url));
    QVERIFY2(record.ok(), qPrintable(record.error + u": " + record.errorMessage));
    QCOMPARE(server.requestsSeen(), 1);
    const QByteArray raw = server.lastRawRequest();
    const QByteArray expected = "Basic " + QByteArray("alice:p@ss:word").toBase64();
    const QByteArray line = QByteArray("Authorization: ") + expected;
    QVERIFY2(raw.contains(line) || raw.contains(line.toLower()), raw.constData());
    // The query is sent as given; the user info never travels in the request line.
    const QByteArray requestLine = raw.left(raw.indexOf("\r\n"));
    QVERIFY2(requestLine.contains("/v1/chat/completions?api-key=QUERYSECRET"),
             requestLine.constData());
    QVERIFY2(!requestLine.contains("alice"), requestLine.constData());
}

QTEST_GUILESS_MAIN(TestTransportFaults)
#include "tst_transportfaults.moc"

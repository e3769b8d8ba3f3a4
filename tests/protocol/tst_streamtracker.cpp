#include "common/secretmasker.h"
#include "protocol/openaichatflavor.h"
#include "trackerharness.h"

#include <QTest>

using namespace TrackerTest;

namespace {
using Error = QNetworkReply::NetworkError;
constexpr Error kClean = QNetworkReply::NoError;

} // namespace

class TestStreamTracker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void outcomes_data();
    void outcomes();
    void splitsOfSyntheticStreams_data();
    void splitsOfSyntheticStreams();
    void networkErrors_data();
    void networkErrors();
    void failWinsOverLaterCancel();
    void cancelledWithoutFail();
    void secretsMasked();
    void overlongLineFailsEarly();
    void firstRawEventsBounded();
    void doneFinishesAndLaterCallsIgnored();
    void bytesWithoutHeaders();
    void collectedTextIsCutWhole();
};

void TestStreamTracker::outcomes_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("close");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<int>("outputTokens");
    QTest::addColumn<TokenSource>("outputSource");
    QTest::addColumn<QString>("finishReason");

    const QByteArray sseType("text/event-stream");
    const int clean = kClean;
    const QByteArray full = role() + chunk("a") + chunk("b") + finish() + usage(9, 2) + done();

    QTest::newRow("complete") << full << 200 << sseType << clean << QString() << QString() << 2
                              << TokenSource::Usage << "stop";
    QTest::newRow("usage on a chunk with choices")
        << role() + chunk("a") +
               sse(R"({"choices":[{"delta":{"content":"b"},"finish_reason":"length"}],"usage":{"prompt_tokens":4,"completion_tokens":6}})") +
               done()
        << 200 << sseType << clean << QString() << QString() << 6 << TokenSource::Usage << "length";
    QTest::newRow("multi-token events counted from usage")
        << chunk("one two") + chunk("three four") + finish() + usage(3, 4) + done() << 200
        << sseType << clean << QString() << QString() << 4 << TokenSource::Usage << "stop";
    QTest::newRow("no usage: events counted")
        << role() + chunk("a") + chunk("b") + chunk("c") + finish() + done() << 200 << sseType
        << clean << QString() << QString() << 3 << TokenSource::Events << "stop";
    QTest::newRow("missing DONE, finish, clean close")
        << role() + chunk("a") + finish() + usage(1, 1) << 200 << sseType << clean << QString()
        << QString() << 1 << TokenSource::Usage << "stop";
    QTest::newRow("DONE without finish reason")
        << chunk("a") + done() << 200 << sseType << clean << QString() << QString() << 1
        << TokenSource::Events << "";
    QTest::newRow("finish then connection lost")
        << chunk("a") + finish() << 200 << sseType << int(QNetworkReply::RemoteHostClosedError)
        << QString() << QString() << 1 << TokenSource::Events << "stop";
    QTest::newRow("cut off, clean close")
        << role() + chunk("a") + chunk("b") << 200 << sseType << clean << ErrorClass::BadStream
        << "ended before its finish chunk" << 2 << TokenSource::Events << "";
    QTest::newRow("cut inside an event, clean close")
        << role() + chunk("a") + QByteArray(R"(data: {"choices":[{"delta":{"cont)") << 200
        << sseType << clean << ErrorClass::BadStream << "ended inside an event, before its finish"
        << 1 << TokenSource::Events << "";
    // Same as "finish then connection lost": only the trailer is missing, the answer stands.
    QTest::newRow("finish, then clean close inside the usage trailer")
        << role() + chunk("a") + chunk("b") + finish() +
               QByteArray(R"(data: {"choices":[],"usage":{"prompt_tok)")
        << 200 << sseType << clean << QString() << QString() << 2 << TokenSource::Events << "stop";
    QTest::newRow("finish, then clean close inside [DONE]")
        << chunk("a") + finish() + usage(5, 1) + QByteArray("data: [DO") << 200 << sseType << clean
        << QString() << QString() << 1 << TokenSource::Usage << "stop";
    QTest::newRow("garbage event after finish is still bad")
        << chunk("a") + finish() + QByteArray("data: <html>proxy error</html>\n\n") << 200
        << sseType << clean << ErrorClass::BadStream << "not a JSON object" << 1
        << TokenSource::Events << "stop";
    QTest::newRow("cut off, connection reset")
        << role() + chunk("a") + QByteArray("data: {\"cho") << 200 << sseType
        << int(QNetworkReply::RemoteHostClosedError) << ErrorClass::Reset << "mid-stream" << 1
        << TokenSource::Events << "";
    QTest::newRow("error event")
        << role() + chunk("a") + sse(R"({"error":{"message":"engine overloaded","code":503}})") +
               chunk("b") + finish() + done()
        << 200 << sseType << clean << ErrorClass::StreamErrorEvent << "engine overloaded" << 1
        << TokenSource::Events << "";
    QTest::newRow("event: error with plain text")
        << role() + chunk("a") + QByteArray("event: error\ndata: upstream timed out\n\n") +
               finish() + done()
        << 200 << sseType << clean << ErrorClass::StreamErrorEvent
        << "error event in the stream: upstream timed out" << 1 << TokenSource::Events << "";
    QTest::newRow("event: error with JSON")
        << chunk("a") + QByteArray("event: error\r\ndata: {\"message\":\"overloaded\"}\r\n\r\n")
        << 200 << sseType << clean << ErrorClass::StreamErrorEvent << "overloaded" << 1
        << TokenSource::Events << "";
    QTest::newRow("other event types are ordinary events")
        << QByteArray("event: message\n") + chunk("a") + QByteArray("event: ping\n") + finish() +
               done()
        << 200 << sseType << clean << QString() << QString() << 1 << TokenSource::Events << "stop";
    QTest::newRow("garbage") << chunk("a") + QByteArray("data: <html>oops</html>\n\n") + done()
                             << 200 << sseType << clean << ErrorClass::BadStream << "<html>" << 1
                             << TokenSource::Events << "";
    QTest::newRow("crlf") << QByteArray(full).replace("\n", "\r\n") << 200 << sseType << clean
                          << QString() << QString() << 2 << TokenSource::Usage << "stop";
    QTest::newRow("cr only") << QByteArray(full).replace("\n", "\r") << 200 << sseType << clean
                             << QString() << QString() << 2 << TokenSource::Usage << "stop";
    QTest::newRow("comments, event/id/retry fields")
        << ": ping\n\nretry: 3000\n\n" + role() + "event: message\nid: 1\n" + chunk("a") +
               ": keep-alive\n" + chunk("b") + finish() + done()
        << 200 << sseType << clean << QString() << QString() << 2 << TokenSource::Events << "stop";
    QTest::newRow("multi-line data")
        << QByteArray("data: {\"choices\":[{\"delta\":\ndata: {\"content\":\"a\"}}]}\n\n") +
               finish() + done()
        << 200 << sseType << clean << QString() << QString() << 1 << TokenSource::Events << "stop";
    QTest::newRow("keep-alive empty data ignored")
        << QByteArray("data:\n\n") + chunk("a") + QByteArray("data: \n\n") + finish() + done()
        << 200 << sseType << clean << QString() << QString() << 1 << TokenSource::Events << "stop";
    QTest::newRow("empty content is not a token")
        << role() + chunk("") + chunk("a") + chunk("") + finish() + done() << 200 << sseType
        << clean << QString() << QString() << 1 << TokenSource::Events << "stop";
    QTest::newRow("reasoning counts")
        << sse(R"({"choices":[{"delta":{"reasoning_content":"hm"}}]})") + chunk("a") + finish() +
               done()
        << 200 << sseType << clean << QString() << QString() << 2 << TokenSource::Events << "stop";
    QTest::newRow("bytes after DONE ignored")
        << chunk("a") + finish() + done() + "data: junk\n\n"
        << 200 << sseType << clean << QString() << QString() << 1 << TokenSource::Events << "stop";
    QTest::newRow("ndjson")
        << QByteArray(
               R"({"choices":[{"delta":{"content":"a"}}]})"
               "\n"
               R"({"choices":[{"delta":{"content":"b"}}]})"
               "\r\n"
               R"({"choices":[{"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":2,"completion_tokens":2}})")
        << 200 << QByteArray("application/x-ndjson") << clean << QString() << QString() << 2
        << TokenSource::Usage << "stop";
    QTest::newRow("empty 200") << QByteArray() << 200 << sseType << clean << ErrorClass::BadStream
                               << "without sending any event" << 0 << TokenSource::Events << "";
    QTest::newRow("only comments")
        << QByteArray(": ping\n\n: ping\n\n") << 200 << sseType << clean << ErrorClass::BadStream
        << "without sending any event" << 0 << TokenSource::Events << "";
    QTest::newRow("http 429")
        << QByteArray(R"({"error":{"message":"Rate limit reached","type":"rate_limit"}})") << 429
        << QByteArray("application/json") << int(QNetworkReply::UnknownContentError)
        << ErrorClass::Http429 << "HTTP 429: Rate limit reached" << 0 << TokenSource::Events << "";
    QTest::newRow("http 401") << QByteArray(R"({"error":"invalid api key"})") << 401
                              << QByteArray("application/json")
                              << int(QNetworkReply::AuthenticationRequiredError)
                              << ErrorClass::Http4xx << "invalid api key" << 0
                              << TokenSource::Events << "";
    QTest::newRow("http 503 text")
        << QByteArray("Service Unavailable") << 503 << QByteArray("text/plain")
        << int(QNetworkReply::ServiceUnavailableError) << ErrorClass::Http5xx
        << "HTTP 503: Service Unavailable" << 0 << TokenSource::Events << "";
    QTest::newRow("http 400 sse-looking body")
        << sse(R"({"error":{"message":"max_tokens too large"}})") << 400 << sseType
        << int(QNetworkReply::ProtocolInvalidOperationError) << ErrorClass::Http4xx
        << "HTTP 400: max_tokens too large" << 0 << TokenSource::Events << "";
}

void TestStreamTracker::outcomes() {
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(int, close);
    QFETCH(QString, error);
    QFETCH(QString, messagePart);
    QFETCH(int, outputTokens);
    QFETCH(TokenSource, outputSource);
    QFETCH(QString, finishReason);

    OpenAiChatFlavor flavor;
    const RequestRecord r = TrackerRun::run(flavor, body, {}, status, contentType, Error(close));
    QCOMPARE(r.error, error);
    QVERIFY2(r.errorMessage.contains(messagePart), qPrintable(r.errorMessage));
    QCOMPARE(r.outputTokens, outputTokens);
    QCOMPARE(r.outputTokensSource, outputSource);
    QCOMPARE(r.finishReason, finishReason);
    QCOMPARE(r.httpStatus, status);
    QVERIFY(r.tEndNs > 0);
    if (r.ok()) {
        QVERIFY(r.tFirstContentNs > 0 && r.tLastContentNs >= r.tFirstContentNs);
        QVERIFY(r.tEndNs >= r.tLastContentNs);
    }
    // Every cut gives the same outcome, byte by byte too.
    const RequestRecord canonical = TrackerRun::run(flavor, body, TrackerRun::bytewise(body.size()),
                                                    status, contentType, Error(close));
    COMPARE_RECORDS(r, TrackerRun::expectedFor(canonical, {}, body.size()), "whole");
    for (qsizetype p = 1; p < body.size(); ++p)
        COMPARE_RECORDS(TrackerRun::run(flavor, body, {p}, status, contentType, Error(close)),
                        TrackerRun::expectedFor(canonical, {p}, body.size()),
                        QStringLiteral("cut at %1").arg(p));
}

void TestStreamTracker::splitsOfSyntheticStreams_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("text");
    // UTF-8 multi-byte content (split mid-sequence by the cuts), \r\n, a BOM.
    const QByteArray utf8 = chunk("h\xC3\xA9llo") + chunk(" w\xC3\xB6rld") +
                            chunk(" \xE4\xB8\xAD") + chunk(" \xF0\x9F\x98\x80");
    const QString utf8Text = QStringLiteral("h\u00e9llo w\u00f6rld \u4e2d \U0001F600");
    QTest::newRow("utf8") << role() + utf8 + finish() + usage(5, 4) + done() << utf8Text;
    QTest::newRow("utf8 crlf")
        << QByteArray(role() + utf8 + finish() + done()).replace("\n", "\r\n") << utf8Text;
    QTest::newRow("bom") << "\xEF\xBB\xBF" + role() + chunk("a") + finish() + done()
                         << QStringLiteral("a");
}

void TestStreamTracker::splitsOfSyntheticStreams() {
    QFETCH(QByteArray, body);
    QFETCH(QString, text);
    OpenAiChatFlavor flavor;
    const RequestRecord canonical =
        TrackerRun::run(flavor, body, TrackerRun::bytewise(body.size()));
    QVERIFY2(canonical.ok(), qPrintable(canonical.errorMessage));
    COMPARE_RECORDS(TrackerRun::run(flavor, body, {}),
                    TrackerRun::expectedFor(canonical, {}, body.size()), "whole");
    for (qsizetype p = 1; p < body.size(); ++p) {
        for (qsizetype d : {0, 1, 2, 3}) {
            QList<qsizetype> cuts{p};
            if (d > 0 && p + d < body.size())
                cuts.append(p + d);
            COMPARE_RECORDS(TrackerRun::run(flavor, body, cuts),
                            TrackerRun::expectedFor(canonical, cuts, body.size()),
                            QStringLiteral("cut at %1 (+%2)").arg(p).arg(d));
        }
    }
    StreamTracker tracker(flavor, TrackerRun::baseRecord());
    tracker.setCollectText(true);
    tracker.onHeaders(1, 200, "text/event-stream");
    for (qsizetype i = 0; i < body.size(); ++i)
        tracker.onBytes(body.mid(i, 1), 2 + i);
    QCOMPARE(tracker.collectedText(), text);
}

void TestStreamTracker::networkErrors_data() {
    QTest::addColumn<int>("error");
    QTest::addColumn<bool>("headers");
    QTest::addColumn<QString>("expected");
    QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError) << false
                             << ErrorClass::Connect;
    QTest::newRow("host not found")
        << int(QNetworkReply::HostNotFoundError) << false << ErrorClass::Connect;
    QTest::newRow("tls") << int(QNetworkReply::SslHandshakeFailedError) << false << ErrorClass::Tls;
    QTest::newRow("timeout") << int(QNetworkReply::TimeoutError) << false << ErrorClass::Timeout;
    QTest::newRow("cancelled") << int(QNetworkReply::OperationCanceledError) << true
                               << ErrorClass::Cancelled;
    QTest::newRow("closed before answer")
        << int(QNetworkReply::RemoteHostClosedError) << false << ErrorClass::Reset;
    QTest::newRow("closed mid-stream")
        << int(QNetworkReply::RemoteHostClosedError) << true << ErrorClass::Reset;
    QTest::newRow("unknown before")
        << int(QNetworkReply::UnknownNetworkError) << false << ErrorClass::Connect;
    QTest::newRow("unknown after")
        << int(QNetworkReply::UnknownNetworkError) << true << ErrorClass::Reset;
    QTest::newRow("chunked framing broken")
        << int(QNetworkReply::ProtocolFailure) << true << ErrorClass::BadStream;
    QTest::newRow("proxy refused")
        << int(QNetworkReply::ProxyConnectionRefusedError) << false << ErrorClass::Connect;
}

void TestStreamTracker::networkErrors() {
    QFETCH(int, error);
    QFETCH(bool, headers);
    QFETCH(QString, expected);
    OpenAiChatFlavor flavor;
    StreamTracker tracker(flavor, TrackerRun::baseRecord());
    if (headers) {
        tracker.onHeaders(10, 200, "text/event-stream");
        tracker.onBytes(QByteArray(role() + chunk("a")), 20);
    }
    QVERIFY(!tracker.isFinished());
    tracker.onFinished(30, Error(error), QStringLiteral("Qt says why"));
    QVERIFY(tracker.isFinished());
    QCOMPARE(tracker.record().error, expected);
    QVERIFY(tracker.record().errorMessage.contains(u"Qt says why"));
    QCOMPARE(tracker.record().tEndNs, 30);
    QCOMPARE(tracker.record().tHeadersNs, headers ? 10 : -1);
    QCOMPARE(StreamTracker::classifyNetworkError(Error(error), headers), expected);
}

void TestStreamTracker::failWinsOverLaterCancel() {
    // The caller's idle timer fires, it calls fail() and aborts: Qt then reports
    // OperationCanceledError, which must not overwrite the timeout.
    OpenAiChatFlavor flavor;
    StreamTracker tracker(flavor, TrackerRun::baseRecord());
    tracker.onHeaders(10, 200, "text/event-stream");
    tracker.onBytes(chunk("a"), 20);
    tracker.fail(50, ErrorClass::Timeout, QStringLiteral("idle for 60 s"));
    tracker.onFinished(51, QNetworkReply::OperationCanceledError, QStringLiteral("cancelled"));
    QCOMPARE(tracker.record().error, ErrorClass::Timeout);
    QCOMPARE(tracker.record().errorMessage, QStringLiteral("idle for 60 s"));
    QCOMPARE(tracker.record().tEndNs, 50);
    QCOMPARE(tracker.record().outputTokens, 1);
}

void TestStreamTracker::cancelledWithoutFail() {
    OpenAiChatFlavor flavor;
    StreamTracker tracker(flavor, TrackerRun::baseRecord());
    tracker.onHeaders(10, 200, "text/event-stream");
    tracker.onFinished(20, QNetworkReply::OperationCanceledError,
                       QStringLiteral("Operation canceled"));
    QCOMPARE(tracker.record().error, ErrorClass::Cancelled);
}

void TestStreamTracker::secretsMasked() {
    SecretMasker::registerSecret(QStringLiteral("sk-live-SECRET-123"));
    OpenAiChatFlavor flavor;
    const RequestRecord r = TrackerRun::run(
        flavor, R"({"error":{"message":"Incorrect API key provided: sk-live-SECRET-123"}})", {},
        401, "application/json", QNetworkReply::AuthenticationRequiredError);
    QCOMPARE(r.error, ErrorClass::Http4xx);
    QVERIFY2(!r.errorMessage.contains(u"SECRET"), qPrintable(r.errorMessage));
    QVERIFY(r.errorMessage.contains(u"Incorrect API key provided"));

    StreamTracker tracker(flavor, TrackerRun::baseRecord());
    tracker.onFinished(5, QNetworkReply::HostNotFoundError,
                       QStringLiteral("Host sk-live-SECRET-123 not found"));
    QVERIFY(!tracker.record().errorMessage.contains(u"SECRET"));
    SecretMasker::clearForTests();
}

void TestStreamTracker::overlongLineFailsEarly() {
    OpenAiChatFlavor flavor;
    StreamTracker tracker(flavor, TrackerRun::baseRecord());
    tracker.onHeaders(10, 200, "text/event-stream");
    tracker.onBytes(chunk("a"), 20);
    const QByteArray endless(1024 * 1024, 'x');
    qint64 t = 30;
    for (int i = 0; i < 64 && !tracker.isFinished(); ++i)
        tracker.onBytes(i == 0 ? "data: " + endless : endless, ++t);
    QVERIFY(tracker.isFinished()); // the caller can abort the reply now
    QCOMPARE(tracker.record().error, ErrorClass::BadStream);
    QVERIFY2(tracker.record().errorMessage.contains(u"exceeds"),
             qPrintable(tracker.record().errorMessage));
    QVERIFY(t < 40); // stopped after ~8 MiB, not 64
}

void TestStreamTracker::firstRawEventsBounded() {
    OpenAiChatFlavor flavor;
    QByteArray body = role();
    for (int i = 0; i < 20; ++i)
        body += chunk("t" + QByteArray::number(i));
    body += finish() + done();
    QList<QByteArray> raw;
    const RequestRecord r =
        TrackerRun::run(flavor, body, {}, 200, "text/event-stream", kClean, &raw);
    QVERIFY(r.ok());
    QCOMPARE(raw.size(), StreamTracker::MaxRawEvents);
    QCOMPARE(raw.first(), role().mid(6).chopped(2));
    QCOMPARE(raw.at(1), chunk("t0").mid(6).chopped(2));
}

void TestStreamTracker::doneFinishesAndLaterCallsIgnored() {
    OpenAiChatFlavor flavor;
    StreamTracker tracker(flavor, TrackerRun::baseRecord());
    tracker.onHeaders(10, 200, "text/event-stream");
    tracker.onBytes(QByteArray(chunk("a") + finish()), 20);
    QVERIFY(!tracker.isFinished());
    QVERIFY(tracker.sawContent());
    tracker.onBytes(QByteArray(done() + chunk("b")), 30);
    QVERIFY(tracker.isFinished());
    QVERIFY(tracker.record().ok());
    QCOMPARE(tracker.record().tEndNs, 30);
    tracker.onBytes(chunk("c"), 40);
    tracker.onFinished(50, QNetworkReply::RemoteHostClosedError, QStringLiteral("closed"));
    tracker.fail(60, ErrorClass::Cancelled, QStringLiteral("stop"));
    QVERIFY(tracker.record().ok());
    QCOMPARE(tracker.record().outputTokens, 1);
    QCOMPARE(tracker.record().tEndNs, 30);
    QCOMPARE(tracker.record().tLastContentNs, 20);
    // The record keeps what the load generator put in it.
    QCOMPARE(tracker.record().id, quint64(7));
    QCOMPARE(tracker.record().level, 2);
    QCOMPARE(tracker.record().tSchedNs, 900'000);
}

void TestStreamTracker::bytesWithoutHeaders() {
    // Defensive: bytes before any header callback still measure from their arrival.
    OpenAiChatFlavor flavor;
    StreamTracker tracker(flavor, TrackerRun::baseRecord());
    tracker.onBytes(QByteArray(chunk("a") + finish() + done()), 20);
    QVERIFY(tracker.record().ok());
    QCOMPARE(tracker.record().tHeadersNs, 20);
    QCOMPARE(tracker.record().tFirstContentNs, 20);
}

// A conversation turn keeps its answer up to a cap (issue 16): past it the text stops at the
// last whole event that fitted and is marked cut; the record itself is unaffected.
void TestStreamTracker::collectedTextIsCutWhole() {
    OpenAiChatFlavor flavor;
    const QByteArray body =
        role() + chunk("abcd") + chunk("efgh") + chunk("ij") + finish() + usage(3, 3) + done();
    StreamTracker fits(flavor, TrackerRun::baseRecord());
    fits.setCollectText(true, 10);
    fits.onHeaders(1, 200, "text/event-stream");
    fits.onBytes(body, 2);
    QCOMPARE(fits.collectedText(), QStringLiteral("abcdefghij"));
    QVERIFY(!fits.collectedTextCut());

    StreamTracker cut(flavor, TrackerRun::baseRecord());
    cut.setCollectText(true, 9);
    cut.onHeaders(1, 200, "text/event-stream");
    cut.onBytes(body, 2);
    QCOMPARE(cut.collectedText(), QStringLiteral("abcdefgh"));
    QVERIFY(cut.collectedTextCut());
    QVERIFY(cut.record().ok());
    QCOMPARE(cut.record().outputTokens, 3);
}

QTEST_GUILESS_MAIN(TestStreamTracker)
#include "tst_streamtracker.moc"

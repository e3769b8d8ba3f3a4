// The direct transport's response parser on its own: every framing (Content-Length,
// chunked with extensions and trailers, connection close), heads and chunk sizes split at
// every byte, interim 1xx heads, keep-alive rules and malformed input.

#include "transport/httpresponseparser.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
struct Result {
    int heads = 0;
    QByteArray body;
    bool complete = false;
    bool failed = false;
};

// Feeds `wire` cut at the given points (sorted offsets); collects what came out.
Result feedCut(HttpResponseParser& parser, const QByteArray& wire, const QList<int>& cuts) {
    Result result;
    int from = 0;
    QList<int> ends = cuts;
    ends.append(int(wire.size()));
    for (int end : ends) {
        HttpResponseParser::Output out;
        parser.feed(QByteArrayView(wire).sliced(from, end - from), &out);
        result.heads += out.headComplete ? 1 : 0;
        for (const QByteArrayView piece : out.body)
            result.body += piece;
        result.complete = result.complete || out.complete;
        result.failed = result.failed || out.failed;
        from = end;
    }
    return result;
}

const QByteArray kChunked = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                            "Transfer-Encoding: chunked\r\nX-Request-Id: abc-1\r\n\r\n"
                            "7;ext=\"1\"\r\ndata: a\r\n"
                            "A\r\n\ndata: bb\n\r\n"
                            "0\r\nX-Trailer: yes\r\n\r\n";
const QByteArray kChunkedBody = "data: a\ndata: bb\n";
} // namespace

class TestHttpResponseParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void framing_data();
    void framing();
    void chunkedSplitAtEveryByte();
    void everyTwoCuts();
    void interimHeadIsSkipped();
    void closeDelimitedEndsWithTheClose();
    void truncatedIsNotComplete();
    void malformed_data();
    void malformed();
    void theBodyIsViewsOfTheBytesFed();
};

void TestHttpResponseParser::framing_data() {
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("chunked, extensions, trailers") << kChunked << kChunkedBody << 200 << true;
    QTest::newRow("content-length")
        << QByteArray("HTTP/1.1 401 Unauthorized\r\nContent-Length: 5\r\n\r\nhello") << "hello"_ba
        << 401 << true;
    QTest::newRow("content-length zero")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") << QByteArray() << 200
        << true;
    QTest::newRow("connection close on 1.1")
        << QByteArray("HTTP/1.1 500 Oops\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno")
        << "no"_ba << 500 << false;
    QTest::newRow("HTTP/1.0 without keep-alive")
        << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx") << "x"_ba << 200 << false;
    QTest::newRow("bare LF line endings")
        << QByteArray("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n3\nabc\n0\n\n") << "abc"_ba
        << 200 << true;
    QTest::newRow("204 has no body")
        << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << QByteArray() << 204 << true;
}

void TestHttpResponseParser::framing() {
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(bool, keepAlive);
    HttpResponseParser parser;
    const Result result = feedCut(parser, wire + "TRAILING GARBAGE", {});
    QCOMPARE(result.heads, 1);
    QCOMPARE(result.body, body);
    QVERIFY(result.complete);
    QVERIFY(!result.failed);
    QCOMPARE(parser.status(), status);
    QCOMPARE(parser.keepAlive(), keepAlive);
}

void TestHttpResponseParser::chunkedSplitAtEveryByte() {
    // One cut at every offset, then every byte on its own.
    for (int cut = 0; cut <= kChunked.size(); ++cut) {
        HttpResponseParser parser;
        const Result result = feedCut(parser, kChunked, {cut});
        QVERIFY2(result.complete && !result.failed, qPrintable(QString::number(cut)));
        QCOMPARE(result.heads, 1);
        QCOMPARE(result.body, kChunkedBody);
        QCOMPARE(parser.header("x-request-id"), "abc-1"_ba);
    }
    QList<int> everyByte;
    for (int i = 1; i < kChunked.size(); ++i)
        everyByte.append(i);
    HttpResponseParser parser;
    const Result result = feedCut(parser, kChunked, everyByte);
    QVERIFY(result.complete);
    QCOMPARE(result.body, kChunkedBody);
}

void TestHttpResponseParser::everyTwoCuts() {
    const QByteArray wire = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd";
    for (int a = 0; a <= wire.size(); ++a) {
        for (int b = a; b <= wire.size(); ++b) {
            HttpResponseParser parser;
            const Result result = feedCut(parser, wire, {a, b});
            QVERIFY(result.complete);
            QCOMPARE(result.heads, 1);
            QCOMPARE(result.body, "abcd"_ba);
        }
    }
}

void TestHttpResponseParser::interimHeadIsSkipped() {
    HttpResponseParser parser;
    const Result result = feedCut(
        parser, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nz", {10});
    QCOMPARE(result.heads, 1);
    QCOMPARE(parser.status(), 200);
    QCOMPARE(result.body, "z"_ba);
}

void TestHttpResponseParser::closeDelimitedEndsWithTheClose() {
    HttpResponseParser parser;
    const Result result = feedCut(parser, "HTTP/1.1 200 OK\r\n\r\ndata: x\n\n", {});
    QVERIFY(!result.complete);
    QCOMPARE(result.body, "data: x\n\n"_ba);
    QVERIFY(!parser.keepAlive()); // the close is the framing
    QVERIFY(parser.finishOnClose());
    QVERIFY(parser.isComplete());
}

void TestHttpResponseParser::truncatedIsNotComplete() {
    HttpResponseParser chunked;
    feedCut(chunked, kChunked.left(kChunked.size() - 5), {});
    QVERIFY(!chunked.finishOnClose());
    HttpResponseParser length;
    feedCut(length, "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc", {});
    QVERIFY(!length.finishOnClose());
    HttpResponseParser nothing;
    QVERIFY(!nothing.receivedAnything());
    QVERIFY(!nothing.finishOnClose());
}

void TestHttpResponseParser::malformed_data() {
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("not HTTP") << "SSH-2.0-OpenSSH\r\n\r\n"_ba;
    QTest::newRow("status not a number") << "HTTP/1.1 OK fine\r\n\r\n"_ba;
    QTest::newRow("bad chunk size")
        << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"_ba;
    QTest::newRow("chunk longer than announced")
        << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc\r\n"_ba;
    QTest::newRow("bad content-length") << "HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n"_ba;
    QTest::newRow("endless head") << "HTTP/1.1 200 OK\r\n" + QByteArray(70000, 'x');
}

void TestHttpResponseParser::malformed() {
    QFETCH(QByteArray, wire);
    HttpResponseParser parser;
    const Result result = feedCut(parser, wire, {});
    QVERIFY(result.failed);
    QVERIFY(parser.hasFailed());
    QVERIFY(!result.complete);
}

void TestHttpResponseParser::theBodyIsViewsOfTheBytesFed() {
    // No copy of the body (issue 17): it comes out as views of the bytes fed, one per chunk
    // (or piece of one), valid as long as those bytes are; a listener that keeps body bytes
    // copies them (tst_requesttransport's does). Lines (chunk sizes, chunk ends) are parsed
    // where they are when whole in one read.
    HttpResponseParser parser;
    HttpResponseParser::Output head;
    parser.feed(QByteArrayView("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"), &head);
    QVERIFY(head.headComplete && !head.failed);
    const QByteArray buffer = "b\r\ndata: one\n\n\r\n";
    HttpResponseParser::Output out;
    parser.feed(buffer, &out);
    QCOMPARE(out.body.size(), 1);
    QCOMPARE(out.body[0], "data: one\n\n"_ba);
    QCOMPARE(out.body[0].data(), buffer.constData() + 3); // where it is in the read
    const QByteArray two = "4\r\nab\n\n\r\n4;x=1\r\ncd\n\n\r\n0\r\n\r\n";
    HttpResponseParser::Output joined;
    parser.feed(two, &joined);
    QCOMPARE(joined.body.size(), 2);
    QCOMPARE(joined.body[0], "ab\n\n"_ba);
    QCOMPARE(joined.body[1], "cd\n\n"_ba);
    QVERIFY(joined.complete && !joined.failed);
}

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_httpresponseparser.moc"

#include "protocol/sseparser.h"

#include <QTest>

using Payloads = QList<QByteArray>;

namespace {
// Feeds `stream` cut at the given offsets, then finish().
Payloads feedCut(SseParser::Mode mode, const QByteArray& stream, const QList<qsizetype>& cuts,
                 bool callFinish = true) {
    SseParser parser(mode);
    Payloads out;
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        out += parser.feed(stream.mid(from, cut - from));
        from = cut;
    }
    out += parser.feed(stream.mid(from));
    if (callFinish)
        out += parser.finish();
    return out;
}

Payloads feedBytewise(SseParser::Mode mode, const QByteArray& stream) {
    SseParser parser(mode);
    Payloads out;
    for (qsizetype i = 0; i < stream.size(); ++i)
        out += parser.feed(stream.mid(i, 1));
    out += parser.finish();
    return out;
}

// Whole, byte by byte, every 2-part cut and a spread of 3-part cuts all agree.
void checkEverySplit(SseParser::Mode mode, const QByteArray& stream, const Payloads& expected) {
    QCOMPARE(feedCut(mode, stream, {}), expected);
    QCOMPARE(feedBytewise(mode, stream), expected);
    for (qsizetype p = 0; p <= stream.size(); ++p) {
        QCOMPARE(feedCut(mode, stream, {p}), expected);
        for (qsizetype d : {1, 2, 3, 5, 11}) {
            if (p + d <= stream.size())
                QCOMPARE(feedCut(mode, stream, {p, p + d}), expected);
        }
    }
}
} // namespace

class TestSseParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void events_data();
    void events();
    void crlfSplitAcrossReads();
    void fields();
    void bom();
    void finishCompletesLastEvent();
    void utf8SplitAnywhere();
    void boundedLine();
    void boundedEvent();
    void manySmallEventsUnderBound();
    void ndjson_data();
    void ndjson();
};

void TestSseParser::events_data() {
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<Payloads>("expected");

    QTest::newRow("lf") << QByteArray("data: a\n\ndata: b\n\n") << Payloads{"a", "b"};
    QTest::newRow("crlf") << QByteArray("data: a\r\n\r\ndata: b\r\n\r\n") << Payloads{"a", "b"};
    QTest::newRow("cr") << QByteArray("data: a\r\rdata: b\r\r") << Payloads{"a", "b"};
    QTest::newRow("mixed endings")
        << QByteArray("data: a\r\n\ndata: b\r\rdata: c\n\r\n") << Payloads{"a", "b", "c"};
    QTest::newRow("multi-line data")
        << QByteArray("data: {\"a\":\ndata: 1}\n\n") << Payloads{"{\"a\":\n1}"};
    QTest::newRow("multi-line data crlf")
        << QByteArray("data: a\r\ndata: b\r\n\r\n") << Payloads{"a\nb"};
    QTest::newRow("multi-line data cr") << QByteArray("data: a\rdata: b\r\r") << Payloads{"a\nb"};
    QTest::newRow("no space after colon") << QByteArray("data:x\n\n") << Payloads{"x"};
    QTest::newRow("only one space stripped") << QByteArray("data:  x\n\n") << Payloads{" x"};
    QTest::newRow("comments") << QByteArray(": keep-alive\ndata: a\n: mid\n\n:\n\n")
                              << Payloads{"a"};
    QTest::newRow("fields ignored")
        << QByteArray("event: message\nid: 7\nretry: 100\ndata: a\nfoo: bar\n\n") << Payloads{"a"};
    QTest::newRow("field without data does not dispatch")
        << QByteArray("event: ping\n\nid: 1\n\n") << Payloads{};
    QTest::newRow("empty data dispatches an empty payload")
        << QByteArray("data:\n\ndata\n\n") << Payloads{"", ""};
    QTest::newRow("blank lines between events")
        << QByteArray("\n\n\ndata: a\n\n\n\ndata: b\n\n") << Payloads{"a", "b"};
    QTest::newRow("colon inside value")
        << QByteArray("data: {\"k\":\"v:w\"}\n\n") << Payloads{"{\"k\":\"v:w\"}"};
    QTest::newRow("done sentinel")
        << QByteArray("data: {}\n\ndata: [DONE]\n\n") << Payloads{"{}", "[DONE]"};
}

void TestSseParser::events() {
    QFETCH(QByteArray, stream);
    QFETCH(Payloads, expected);
    checkEverySplit(SseParser::Mode::Sse, stream, expected);
}

void TestSseParser::crlfSplitAcrossReads() {
    // The \n completing a \r\n arrives in the next read: it must not count as a blank line
    // (that would dispatch "a" alone and lose the join with "b").
    SseParser parser;
    QCOMPARE(parser.feed("data: a\r"), Payloads{});
    QCOMPARE(parser.feed("\ndata: b\r"), Payloads{});
    QCOMPARE(parser.feed("\n\r"), Payloads{"a\nb"});
    QCOMPARE(parser.feed("\n"), Payloads{});
    QCOMPARE(parser.feed("data: c\n\n"), Payloads{"c"});
}

void TestSseParser::fields() {
    SseParser parser;
    QCOMPARE(parser.feed("event: delta\nid: 42\nretry: 2500\ndata: x\n\n"), Payloads{"x"});
    QCOMPARE(parser.lastEventType(), QByteArray("delta"));
    QCOMPARE(parser.lastEventId(), QByteArray("42"));
    QCOMPARE(parser.retryMs(), 2500);
    QCOMPARE(parser.feed("retry: soon\ndata: y\n\n"), Payloads{"y"});
    QCOMPARE(parser.retryMs(), 2500);               // not a number: ignored
    QCOMPARE(parser.lastEventType(), QByteArray()); // event type is per event

    // One type per returned payload, in order, reset by every call.
    QCOMPARE(parser.feed("event: a\ndata: 1\n\ndata: 2\n\nevent: error\ndata: 3\n\nevent: x\n"),
             (Payloads{"1", "2", "3"}));
    QCOMPARE(parser.lastEventTypes(), (QList<QByteArray>{"a", "", "error"}));
    QCOMPARE(parser.feed(": c\n"), Payloads{});
    QVERIFY(parser.lastEventTypes().isEmpty());
    QCOMPARE(parser.feed("data: 4"), Payloads{});
    QCOMPARE(parser.finish(), Payloads{"4"});
    QCOMPARE(parser.lastEventTypes(), QList<QByteArray>{"x"}); // pending since "event: x"
}

void TestSseParser::bom() {
    const QByteArray bom("\xEF\xBB\xBF");
    checkEverySplit(SseParser::Mode::Sse, bom + "data: a\n\n", {"a"});
    checkEverySplit(SseParser::Mode::Ndjson, bom + "{\"a\":1}\n", {"{\"a\":1}"});
    // Only a leading BOM is dropped; bytes that merely start like one are content.
    checkEverySplit(SseParser::Mode::Ndjson, QByteArray("\xEF\xBBx\n"), {"\xEF\xBBx"});
    // A second BOM is content (here: part of the field name, so the line is ignored).
    checkEverySplit(SseParser::Mode::Sse, bom + bom + "data: a\n\ndata: b\n\n", {"b"});
}

void TestSseParser::finishCompletesLastEvent() {
    checkEverySplit(SseParser::Mode::Sse, "data: a\n\ndata: b", {"a", "b"});
    checkEverySplit(SseParser::Mode::Sse, "data: a\n\ndata: b\n", {"a", "b"});
    checkEverySplit(SseParser::Mode::Sse, "data: a\n\n", {"a"});
    checkEverySplit(SseParser::Mode::Sse, "", {});

    SseParser parser;
    QCOMPARE(parser.feed("data: a"), Payloads{});
    QCOMPARE(parser.bufferedBytes(), 7);
    QCOMPARE(parser.finish(), Payloads{"a"});
    QCOMPARE(parser.finish(), Payloads{}); // idempotent
}

void TestSseParser::utf8SplitAnywhere() {
    const QString text = QStringLiteral("h\u00e9llo w\u00f6rld \u4e2d\u6587 \U0001F600");
    const QByteArray json = "{\"c\":\"" + text.toUtf8() + "\"}";
    const QByteArray stream = "data: " + json + "\r\n\r\ndata: " + json + "\r\n\r\n";
    checkEverySplit(SseParser::Mode::Sse, stream, {json, json});
    const Payloads out = feedBytewise(SseParser::Mode::Sse, stream);
    QCOMPARE(QString::fromUtf8(out.first()), QStringLiteral("{\"c\":\"") + text + u"\"}");
}

void TestSseParser::boundedLine() {
    SseParser parser(SseParser::Mode::Sse, 1024);
    QCOMPARE(parser.feed("data: " + QByteArray(500, 'x')), Payloads{});
    QVERIFY(!parser.hasError());
    QCOMPARE(parser.feed(QByteArray(600, 'x')), Payloads{});
    QVERIFY(parser.hasError());
    QVERIFY2(parser.errorString().contains(u"1024"), qPrintable(parser.errorString()));
    QCOMPARE(parser.bufferedBytes(), 0);                  // memory released
    QCOMPARE(parser.feed("\n\ndata: a\n\n"), Payloads{}); // stays failed
    QCOMPARE(parser.finish(), Payloads{});
}

void TestSseParser::boundedEvent() {
    // Endless data lines without the blank line: the pending event is bounded too.
    SseParser parser(SseParser::Mode::Sse, 1024);
    for (int i = 0; i < 100 && !parser.hasError(); ++i)
        QCOMPARE(parser.feed("data: " + QByteArray(50, 'y') + "\n"), Payloads{});
    QVERIFY(parser.hasError());
    QVERIFY(parser.bufferedBytes() <= 1024);
}

void TestSseParser::manySmallEventsUnderBound() {
    // The bound is per line / event, not per stream.
    SseParser parser(SseParser::Mode::Sse, 64);
    int events = 0;
    for (int i = 0; i < 10000; ++i)
        events += int(parser.feed("data: {\"i\":" + QByteArray::number(i) + "}\n\n").size());
    QVERIFY(!parser.hasError());
    QCOMPARE(events, 10000);
}

void TestSseParser::ndjson_data() {
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<Payloads>("expected");
    QTest::newRow("lf") << QByteArray("{\"a\":1}\n{\"b\":2}\n")
                        << Payloads{"{\"a\":1}", "{\"b\":2}"};
    QTest::newRow("crlf") << QByteArray("{\"a\":1}\r\n{\"b\":2}\r\n")
                          << Payloads{"{\"a\":1}", "{\"b\":2}"};
    QTest::newRow("blank lines skipped")
        << QByteArray("\n  \n{\"a\":1}\n\n\t\n{\"b\":2}\n") << Payloads{"{\"a\":1}", "{\"b\":2}"};
    QTest::newRow("last line without newline")
        << QByteArray("{\"a\":1}\n{\"b\":2}") << Payloads{"{\"a\":1}", "{\"b\":2}"};
    QTest::newRow("colons are not fields") << QByteArray(": x\n") << Payloads{": x"};
}

void TestSseParser::ndjson() {
    QFETCH(QByteArray, stream);
    QFETCH(Payloads, expected);
    checkEverySplit(SseParser::Mode::Ndjson, stream, expected);
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"

#include "sim/simhttpparser.h"

#include <QTest>

using State = SimHttpParser::State;

class TestSimHttpParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void wholeAndByteByByte_data();
    void wholeAndByteByByte();
    void keepAliveRules_data();
    void keepAliveRules();
    void pipelined();
    void expectContinue();
    void errors_data();
    void errors();
    void queryValues();
};

void TestSimHttpParser::wholeAndByteByByte_data() {
    QTest::addColumn<int>("step");
    QTest::newRow("whole") << 100000;
    QTest::newRow("byte by byte") << 1;
    QTest::newRow("7 bytes") << 7;
}

void TestSimHttpParser::wholeAndByteByByte() {
    QFETCH(int, step);
    const QByteArray raw = "\r\nPOST /v1/chat/completions?api-version=1 HTTP/1.1\r\nHost: x\r\n"
                           "Content-Type:application/json\r\nAuthorization:  Bearer k \r\n"
                           "Content-Length: 5\r\n\r\nhello";
    SimHttpParser parser;
    State state = State::NeedMore;
    for (qsizetype i = 0; i < raw.size(); i += step) {
        parser.append(raw.mid(i, step));
        do {
            state = parser.parse();
        } while (state == State::HeadersDone);
        if (i + step < raw.size())
            QCOMPARE(state, State::NeedMore);
    }
    QCOMPARE(state, State::Complete);
    const SimHttpRequest r = parser.take();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(r.query, QByteArray("api-version=1"));
    QCOMPARE(r.header("content-type"), QByteArray("application/json"));
    QCOMPARE(r.header("authorization"), QByteArray("Bearer k"));
    QCOMPARE(r.body, QByteArray("hello"));
    QVERIFY(r.keepAlive);
    QVERIFY(!parser.hasBufferedBytes());
}

void TestSimHttpParser::keepAliveRules_data() {
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.1 default") << QByteArray("GET / HTTP/1.1\r\n\r\n") << true;
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n")
                               << false;
    QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
    QTest::newRow("1.0 keep-alive")
        << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << true;
}

void TestSimHttpParser::keepAliveRules() {
    QFETCH(QByteArray, raw);
    QFETCH(bool, keepAlive);
    SimHttpParser parser;
    parser.append(raw);
    QCOMPARE(parser.parse(), State::Complete);
    QCOMPARE(parser.take().keepAlive, keepAlive);
}

void TestSimHttpParser::pipelined() {
    SimHttpParser parser;
    parser.append("POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\nabGET /b HTTP/1.1\r\n\r\nGET /c");
    QCOMPARE(parser.parse(), State::Complete);
    QCOMPARE(parser.take().body, QByteArray("ab"));
    QCOMPARE(parser.parse(), State::Complete);
    QCOMPARE(parser.take().path, QByteArray("/b"));
    QCOMPARE(parser.parse(), State::NeedMore);
    QVERIFY(parser.inRequest());
    parser.append(" HTTP/1.1\r\n\r\n");
    QCOMPARE(parser.parse(), State::Complete);
    QCOMPARE(parser.take().path, QByteArray("/c"));
}

void TestSimHttpParser::expectContinue() {
    SimHttpParser parser;
    parser.append("POST /a HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
    QCOMPARE(parser.parse(), State::HeadersDone);
    QCOMPARE(parser.parse(), State::NeedMore);
    parser.append("xyz");
    QCOMPARE(parser.parse(), State::Complete);
    const SimHttpRequest r = parser.take();
    QVERIFY(r.expectContinue);
    QCOMPARE(r.body, QByteArray("xyz"));
}

void TestSimHttpParser::errors_data() {
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("status");
    QTest::newRow("no target") << QByteArray("GET HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("lower-case method") << QByteArray("get / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("relative target") << QByteArray("GET x HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("not http") << QByteArray("GET / FTP/1.0\r\n\r\n") << 400;
    QTest::newRow("http/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
    QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 400;
    QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nAbc\r\n\r\n") << 400;
    QTest::newRow("space in name") << QByteArray("GET / HTTP/1.1\r\nA b: c\r\n\r\n") << 400;
    QTest::newRow("negative length")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::newRow("conflicting lengths")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << 400;
    QTest::newRow("too long body")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n") << 413;
    QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                             << 411;
    QTest::newRow("header flood") << ("GET / HTTP/1.1\r\n" + QByteArray(20000, 'a')) << 431;
}

void TestSimHttpParser::errors() {
    QFETCH(QByteArray, raw);
    QFETCH(int, status);
    SimHttpParser parser;
    parser.append(raw);
    QCOMPARE(parser.parse(), State::Error);
    QCOMPARE(parser.errorStatus(), status);
    QVERIFY(!parser.errorMessage().isEmpty());
    QVERIFY(!parser.hasBufferedBytes()); // nothing more is kept
    QCOMPARE(parser.parse(), State::Error);
}

void TestSimHttpParser::queryValues() {
    SimHttpRequest r;
    r.query = "after=12&limit=3&x&name=a%20b";
    QCOMPARE(r.queryValue("after"), QByteArray("12"));
    QCOMPARE(r.queryValue("limit"), QByteArray("3"));
    QCOMPARE(r.queryValue("x"), QByteArray());
    QCOMPARE(r.queryValue("name"), QByteArray("a b"));
    QCOMPARE(r.queryValue("missing"), QByteArray());
}

QTEST_GUILESS_MAIN(TestSimHttpParser)
#include "tst_simhttpparser.moc"

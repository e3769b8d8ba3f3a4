#include "sim/simgenrequest.h"

#include <QTest>

using Kind = SimGenRequest::Kind;

class TestSimGenRequest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void countWords_data();
    void countWords();
    void promptTokens_data();
    void promptTokens();
    void maxTokensAndStreamOptions();
    void lengthOptions();
    void promptBlocksOnlyWhenAsked();
    void errors_data();
    void errors();
};

void TestSimGenRequest::countWords_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("words");
    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("spaces") << QStringLiteral("   \n\t ") << 0;
    QTest::newRow("one") << QStringLiteral("hello") << 1;
    QTest::newRow("mixed whitespace") << QStringLiteral(" a  b\tc\nd ") << 4;
    QTest::newRow("punctuation sticks") << QStringLiteral("Hello, world!") << 2;
    QTest::newRow("unicode") << QStringLiteral("héllo wörld ✓") << 3;
}

void TestSimGenRequest::countWords() {
    QFETCH(QString, text);
    QFETCH(int, words);
    QCOMPARE(SimGenRequest::countWords(text), words);
}

void TestSimGenRequest::promptTokens_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("tokens");
    QTest::newRow("chat, sum over messages")
        << QByteArray(
               R"({"messages":[{"role":"system","content":"be brief"},{"role":"user","content":"one two three"}]})")
        << int(Kind::Chat) << 5;
    QTest::newRow("chat, whole history")
        << QByteArray(R"({"messages":[{"role":"system","content":"you are terse"},)"
                      R"({"role":"user","content":"what is two plus two"},)"
                      R"({"role":"assistant","content":"four"},)"
                      R"({"role":"user","content":[{"type":"text","text":"and times three"}]}]})")
        << int(Kind::Chat) << 12;
    QTest::newRow("chat, content parts")
        << QByteArray(
               R"({"messages":[{"role":"user","content":[{"type":"text","text":"a b"},{"type":"image_url","image_url":{}}]}]})")
        << int(Kind::Chat) << 2;
    QTest::newRow("chat, null content")
        << QByteArray(
               R"({"messages":[{"role":"assistant","content":null},{"role":"user","content":"x"}]})")
        << int(Kind::Chat) << 1;
    QTest::newRow("completion, string")
        << QByteArray(R"({"prompt":"a b c d"})") << int(Kind::Completion) << 4;
    QTest::newRow("completion, strings")
        << QByteArray(R"({"prompt":["a b","c"]})") << int(Kind::Completion) << 3;
    QTest::newRow("completion, token ids")
        << QByteArray(R"({"prompt":[1,2,3,4,5,6]})") << int(Kind::Completion) << 6;
    QTest::newRow("completion, token ids beyond 64 bits")
        << QByteArray(R"({"prompt":[1e300,-1e300,2]})") << int(Kind::Completion) << 3;
}

void TestSimGenRequest::promptTokens() {
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(int, tokens);
    SimGenRequest r;
    QString error;
    QVERIFY2(SimGenRequest::parse(body, Kind(kind), 77, &r, &error), qPrintable(error));
    QCOMPARE(r.promptTokens, tokens);
    QCOMPARE(r.maxTokens, 77);
    QVERIFY(!r.maxTokensGiven);
    QVERIFY(!r.stream);
}

void TestSimGenRequest::maxTokensAndStreamOptions() {
    SimGenRequest r;
    QString error;
    QVERIFY(SimGenRequest::parse(
        R"({"model":"x","prompt":"a","max_tokens":9,"stream":true,"stream_options":{"include_usage":true}})",
        Kind::Completion, 5, &r, &error));
    QCOMPARE(r.maxTokens, 9);
    QVERIFY(r.maxTokensGiven);
    QVERIFY(r.stream);
    QVERIFY(r.includeUsage);
    QCOMPARE(r.model, QStringLiteral("x"));
    QVERIFY(SimGenRequest::parse(
        R"({"messages":[{"role":"user","content":"a"}],"max_tokens":9,"max_completion_tokens":3})",
        Kind::Chat, 5, &r, &error));
    QCOMPARE(r.maxTokens, 3);
    QVERIFY(
        SimGenRequest::parse(R"({"messages":[{"role":"user","content":"a"}],"max_tokens":null})",
                             Kind::Chat, 5, &r, &error));
    QCOMPARE(r.maxTokens, 5);
}

void TestSimGenRequest::lengthOptions() {
    SimGenRequest r;
    QString error;
    QVERIFY(
        SimGenRequest::parse(R"({"prompt":"a","max_tokens":9,"min_tokens":4,"ignore_eos":true})",
                             Kind::Completion, 5, &r, &error));
    QCOMPARE(r.minTokens, 4);
    QVERIFY(r.ignoreEos);
    QVERIFY(SimGenRequest::parse(R"({"prompt":"a","min_tokens":null,"ignore_eos":null})",
                                 Kind::Completion, 5, &r, &error));
    QCOMPARE(r.minTokens, 0);
    QVERIFY(!r.ignoreEos);
    // Checked against the default length when max_tokens is absent.
    QVERIFY(
        !SimGenRequest::parse(R"({"prompt":"a","min_tokens":6})", Kind::Completion, 5, &r, &error));
    QVERIFY(error.contains(QStringLiteral("max_tokens=5")));
}

void TestSimGenRequest::promptBlocksOnlyWhenAsked() {
    const QByteArray body = R"({"prompt":"a b c d e f g h i"})";
    SimGenRequest r;
    QString error;
    QVERIFY(SimGenRequest::parse(body, Kind::Completion, 5, &r, &error));
    QVERIFY(r.prompt.blocks().empty()); // the cache is off: counting only
    QVERIFY(SimGenRequest::parse(body, Kind::Completion, 5, &r, &error, 4));
    QCOMPARE(r.promptTokens, 9);
    QCOMPARE(r.prompt.blocks().size(), size_t(2));
    QVERIFY(SimGenRequest::parse(R"({"prompt":[1e300,7]})", Kind::Completion, 5, &r, &error, 2));
    QCOMPARE(r.prompt.blocks().size(), size_t(1));
}

void TestSimGenRequest::errors_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::newRow("empty") << QByteArray() << int(Kind::Chat);
    QTest::newRow("truncated") << QByteArray(R"({"messages":[)") << int(Kind::Chat);
    QTest::newRow("string") << QByteArray(R"("hi")") << int(Kind::Chat);
    QTest::newRow("messages not array") << QByteArray(R"({"messages":"hi"})") << int(Kind::Chat);
    QTest::newRow("content number")
        << QByteArray(R"({"messages":[{"role":"user","content":5}]})") << int(Kind::Chat);
    QTest::newRow("prompt object") << QByteArray(R"({"prompt":{}})") << int(Kind::Completion);
    QTest::newRow("prompt nested") << QByteArray(R"({"prompt":[[1]]})") << int(Kind::Completion);
    QTest::newRow("max_tokens negative")
        << QByteArray(R"({"prompt":"a","max_tokens":-3})") << int(Kind::Completion);
    QTest::newRow("max_tokens fraction")
        << QByteArray(R"({"prompt":"a","max_tokens":2.5})") << int(Kind::Completion);
    QTest::newRow("max_tokens huge")
        << QByteArray(R"({"prompt":"a","max_tokens":1e12})") << int(Kind::Completion);
    QTest::newRow("min_tokens negative")
        << QByteArray(R"({"prompt":"a","min_tokens":-1})") << int(Kind::Completion);
    QTest::newRow("min_tokens fraction")
        << QByteArray(R"({"prompt":"a","min_tokens":1.5})") << int(Kind::Completion);
    QTest::newRow("min_tokens above max_tokens")
        << QByteArray(R"({"prompt":"a","max_tokens":3,"min_tokens":4})") << int(Kind::Completion);
    QTest::newRow("ignore_eos not a boolean")
        << QByteArray(R"({"prompt":"a","ignore_eos":"yes"})") << int(Kind::Completion);
    QTest::newRow("stream_options not object")
        << QByteArray(R"({"prompt":"a","stream_options":true})") << int(Kind::Completion);
}

void TestSimGenRequest::errors() {
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    SimGenRequest r;
    QString error;
    QVERIFY(!SimGenRequest::parse(body, Kind(kind), 5, &r, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestSimGenRequest)
#include "tst_simgenrequest.moc"

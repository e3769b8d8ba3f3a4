#include "protocol/flavorsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestFlavorSupport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decode_data();
    void decode();
    void decodeText();
    void decodeUsageAlongsideChoices();
    void decodeErrors_data();
    void decodeErrors();
    void deepMerge();
    void appendPath_data();
    void appendPath();
    void versionSegment_data();
    void versionSegment();
    void serverErrorMessage_data();
    void serverErrorMessage();
};

void TestFlavorSupport::decode_data() {
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("done");
    QTest::addColumn<bool>("hasChoices");
    QTest::addColumn<bool>("hasContent");
    QTest::addColumn<bool>("roleOnly");
    QTest::addColumn<QString>("finish");
    QTest::addColumn<int>("prompt");
    QTest::addColumn<int>("completion");

    QTest::newRow("done") << QByteArray("[DONE]") << true << false << false << false << QString()
                          << -1 << -1;
    QTest::newRow("done padded") << QByteArray(" [DONE] ") << true << false << false << false
                                 << QString() << -1 << -1;
    // llama.cpp's first chunk: role with "content": null is NOT a token.
    QTest::newRow("role null content")
        << QByteArray(
               R"({"choices":[{"finish_reason":null,"index":0,"delta":{"role":"assistant","content":null}}]})")
        << false << true << false << true << QString() << -1 << -1;
    // vLLM / OpenAI send "content": "" with the role.
    QTest::newRow("role empty content")
        << QByteArray(R"({"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]})")
        << false << true << false << true << QString() << -1 << -1;
    QTest::newRow("content") << QByteArray(R"({"choices":[{"delta":{"content":"hi"}}]})") << false
                             << true << true << false << QString() << -1 << -1;
    QTest::newRow("role and content")
        << QByteArray(R"({"choices":[{"delta":{"role":"assistant","content":"hi"}}]})") << false
        << true << true << false << QString() << -1 << -1;
    QTest::newRow("reasoning_content")
        << QByteArray(R"({"choices":[{"delta":{"reasoning_content":"think"}}]})") << false << true
        << true << false << QString() << -1 << -1;
    QTest::newRow("reasoning") << QByteArray(R"({"choices":[{"delta":{"reasoning":"think"}}]})")
                               << false << true << true << false << QString() << -1 << -1;
    QTest::newRow("completion text")
        << QByteArray(R"({"choices":[{"text":" Small","index":0,"finish_reason":null}]})") << false
        << true << true << false << QString() << -1 << -1;
    QTest::newRow("completion empty text with finish")
        << QByteArray(R"({"choices":[{"text":"","finish_reason":"length"}]})") << false << true
        << false << false << QStringLiteral("length") << -1 << -1;
    QTest::newRow("finish empty delta")
        << QByteArray(R"({"choices":[{"finish_reason":"stop","index":0,"delta":{}}]})") << false
        << true << false << false << QStringLiteral("stop") << -1 << -1;
    QTest::newRow("usage trailer choices empty")
        << QByteArray(R"({"choices":[],"usage":{"completion_tokens":8,"prompt_tokens":31}})")
        << false << false << false << false << QString() << 31 << 8;
    QTest::newRow("usage null") << QByteArray(
                                       R"({"choices":[{"delta":{"content":"x"}}],"usage":null})")
                                << false << true << true << false << QString() << -1 << -1;
    QTest::newRow("no choices key") << QByteArray(R"({"id":"x","object":"ping"})") << false << false
                                    << false << false << QString() << -1 << -1;
    QTest::newRow("choices null") << QByteArray(R"({"choices":null})") << false << false << false
                                  << false << QString() << -1 << -1;
    QTest::newRow("content not a string")
        << QByteArray(R"({"choices":[{"delta":{"content":5}}]})") << false << true << false << false
        << QString() << -1 << -1;
    QTest::newRow("error null is not an error")
        << QByteArray(R"({"error":null,"choices":[{"delta":{"content":"x"}}]})") << false << true
        << true << false << QString() << -1 << -1;
}

void TestFlavorSupport::decode() {
    QFETCH(QByteArray, payload);
    const StreamEvent event = FlavorSupport::decodeOpenAiPayload(payload);
    QVERIFY2(!event.malformed && !event.isError, qPrintable(event.errorMessage));
    QTEST(event.done, "done");
    QTEST(event.hasChoices, "hasChoices");
    QTEST(event.hasContent, "hasContent");
    QTEST(event.roleOnly, "roleOnly");
    QTEST(event.finishReason, "finish");
    QTEST(event.promptTokens, "prompt");
    QTEST(event.completionTokens, "completion");
    QCOMPARE(event.raw, payload);
    QCOMPARE(event.arrivalNs, -1);
}

void TestFlavorSupport::decodeText() {
    const StreamEvent chat = FlavorSupport::decodeOpenAiPayload(
        R"({"choices":[{"delta":{"content":"h\u00e9 "}},{"delta":{"content":"x"}}]})");
    QCOMPARE(chat.text, QStringLiteral("h\u00e9 x"));
    const StreamEvent reasoning = FlavorSupport::decodeOpenAiPayload(
        R"({"choices":[{"delta":{"reasoning_content":"hmm"}}]})");
    QVERIFY(reasoning.text.isEmpty()); // thinking is output, but not answer text
}

void TestFlavorSupport::decodeUsageAlongsideChoices() {
    const StreamEvent event = FlavorSupport::decodeOpenAiPayload(
        R"({"choices":[{"text":"","finish_reason":"length"}],"usage":{"completion_tokens":5,"prompt_tokens":7,"total_tokens":12}})");
    QCOMPARE(event.finishReason, QStringLiteral("length"));
    QCOMPARE(event.completionTokens, 5);
    QCOMPARE(event.promptTokens, 7);
}

void TestFlavorSupport::decodeErrors_data() {
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("isError");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("error object")
        << QByteArray(R"({"error":{"message":"overloaded","type":"server_error"}})") << true
        << QStringLiteral("overloaded");
    QTest::newRow("error string") << QByteArray(R"({"error":"boom"})") << true
                                  << QStringLiteral("boom");
    QTest::newRow("vllm error object")
        << QByteArray(R"({"object":"error","message":"context too long","code":400})") << true
        << QStringLiteral("context too long");
    QTest::newRow("error without message")
        << QByteArray(R"({"error":{"code":503}})") << true << QStringLiteral("503");
    QTest::newRow("not json") << QByteArray("hello world") << false
                              << QStringLiteral("hello world");
    QTest::newRow("truncated json")
        << QByteArray(R"({"choices":[{"delta":)") << false << QStringLiteral("not a JSON object");
    QTest::newRow("json array") << QByteArray("[1,2]") << false << QStringLiteral("not a JSON");
    QTest::newRow("choices not array")
        << QByteArray(R"({"choices":{"a":1}})") << false << QStringLiteral("choices");
    QTest::newRow("empty") << QByteArray("") << false << QStringLiteral("not a JSON");
}

void TestFlavorSupport::decodeErrors() {
    QFETCH(QByteArray, payload);
    QFETCH(bool, isError);
    QFETCH(QString, messagePart);
    const StreamEvent event = FlavorSupport::decodeOpenAiPayload(payload);
    QCOMPARE(event.isError, isError);
    QCOMPARE(event.malformed, !isError);
    QVERIFY2(event.errorMessage.contains(messagePart), qPrintable(event.errorMessage));
    QVERIFY(!event.hasContent && !event.done);
}

void TestFlavorSupport::deepMerge() {
    const QJsonObject base =
        QJsonDocument::fromJson(
            R"({"stream":true,"stream_options":{"include_usage":true},"max_tokens":16,"model":"m"})")
            .object();
    const QJsonObject extra =
        QJsonDocument::fromJson(
            R"({"stream_options":{"continuous_usage_stats":true},"max_tokens":32,"temperature":0,"model":null,"nested":{"a":[1]}})")
            .object();
    const QJsonObject merged = FlavorSupport::deepMerge(base, extra);
    const QJsonObject expected =
        QJsonDocument::fromJson(
            R"({"stream":true,"stream_options":{"include_usage":true,"continuous_usage_stats":true},"max_tokens":32,"temperature":0,"nested":{"a":[1]}})")
            .object();
    QCOMPARE(merged, expected);
    // A non-object replaces an object and vice versa.
    QCOMPARE(FlavorSupport::deepMerge(base, QJsonObject{{QStringLiteral("stream_options"), 1}})
                 .value(QStringLiteral("stream_options")),
             QJsonValue(1));
}

void TestFlavorSupport::appendPath_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("expected");
    QTest::newRow("root") << "http://h:1"
                          << "v1/x"
                          << "http://h:1/v1/x";
    QTest::newRow("slash") << "http://h:1/"
                           << "/v1/x"
                           << "http://h:1/v1/x";
    QTest::newRow("slashes") << "http://h:1/api//"
                             << "x"
                             << "http://h:1/api/x";
    QTest::newRow("query kept") << "http://h/a?k=v"
                                << "b"
                                << "http://h/a/b?k=v";
}

void TestFlavorSupport::appendPath() {
    QFETCH(QString, url);
    QFETCH(QString, suffix);
    QFETCH(QString, expected);
    QCOMPARE(FlavorSupport::appendPath(QUrl(url), suffix).toString(), expected);
}

void TestFlavorSupport::versionSegment_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("expected");
    QTest::newRow("v1") << "/v1" << true;
    QTest::newRow("api v2") << "/api/v2" << true;
    QTest::newRow("v1beta") << "/v1beta" << true;
    QTest::newRow("root") << "" << false;
    QTest::newRow("openai") << "/openai" << false;
    QTest::newRow("v1 inside") << "/v1/models" << false;
    QTest::newRow("vx") << "/vx" << false;
}

void TestFlavorSupport::versionSegment() {
    QFETCH(QString, path);
    QTEST(FlavorSupport::endsWithVersionSegment(path), "expected");
}

void TestFlavorSupport::serverErrorMessage_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("openai") << QByteArray(R"({"error":{"message":"Invalid key","type":"auth"}})")
                            << QStringLiteral("Invalid key");
    QTest::newRow("string") << QByteArray(R"({"error":"nope"})") << QStringLiteral("nope");
    QTest::newRow("message") << QByteArray(R"({"message":"bad model"})")
                             << QStringLiteral("bad model");
    QTest::newRow("fastapi detail")
        << QByteArray(R"({"detail":"Not Found"})") << QStringLiteral("Not Found");
    QTest::newRow("text") << QByteArray("Bad Gateway\n") << QStringLiteral("Bad Gateway");
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestFlavorSupport::serverErrorMessage() {
    QFETCH(QByteArray, body);
    QTEST(FlavorSupport::serverErrorMessage(body), "expected");
}

QTEST_GUILESS_MAIN(TestFlavorSupport)
#include "tst_flavorsupport.moc"

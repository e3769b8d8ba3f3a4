#include "scannercheck.h"

#include "protocol/chunkscanner.h"
#include "protocol/flavorsupport.h"
#include "protocol/openaichatflavor.h"

#include <QTest>

class TestChunkScanner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void agreesWithReference_data();
    void agreesWithReference();
    void samplesTakeTheFastPath();
};

void TestChunkScanner::agreesWithReference_data() {
    using ScannerCheck::row;
    ScannerCheck::addColumns(); // fast: expected to be decoded without QJsonDocument
    row("role null", R"({"choices":[{"index":0,"delta":{"role":"assistant","content":null}}]})",
        true);
    row("content", R"({"choices":[{"delta":{"content":"hi"},"finish_reason":null}]})", true);
    row("whitespace", " \t{ \"choices\" : [ { \"delta\" : { \"content\" : \"a\" } } ] }\r\n", true);
    row("escapes", R"({"choices":[{"delta":{"content":"a\"b\\c\/d\n\t\r\b\f\u00e9\u4e2d"}}]})",
        true);
    row("utf8",
        "{\"choices\":[{\"delta\":{\"content\":\"h\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80 "
        "\xEF\xBF\xBD\"}}]}",
        true);
    row("completion text",
        R"({"choices":[{"text":" Small","index":0,"logprobs":null,"finish_reason":null}]})", true);
    row("content and text", R"({"choices":[{"delta":{"content":"a"},"text":"b"},{"text":"c"}]})",
        true);
    row("reasoning", R"({"choices":[{"delta":{"reasoning_content":"x","content":""}}]})", true);
    row("reasoning empty", R"({"choices":[{"delta":{"reasoning":""}}]})", true);
    row("finish",
        R"({"choices":[{"delta":{},"finish_reason":"length"}],"timings":{"a":0.1786774193548387,"b":[1,2,{"c":null}]}})",
        true);
    row("usage trailer",
        R"({"choices":[],"usage":{"completion_tokens":8,"prompt_tokens":31,"total_tokens":39,"prompt_tokens_details":{"cached_tokens":0}}})",
        true);
    row("usage null", R"({"choices":[{"delta":{"content":"x"}}],"usage":null})", true);
    row("usage odd values", R"({"usage":{"prompt_tokens":"7","completion_tokens":-3}})", true);
    row("usage huge", R"({"usage":{"prompt_tokens":99999999999,"completion_tokens":2147483648}})",
        true);
    row("usage float", R"({"usage":{"prompt_tokens":7.0}})", false);
    row("choices null", R"({"choices":null})", true);
    row("choice not object", R"({"choices":[1,"x",null]})", true);
    row("delta not object", R"({"choices":[{"delta":"x","finish_reason":5}]})", true);
    row("error null", R"({"error":null,"choices":[{"delta":{"content":"x"}}]})", true);
    row("error false", R"({"error":false})", true);
    row("object chunk", R"({"object":"chat.completion.chunk","choices":[]})", true);
    row("empty object", "{}", true);
    row("negative zero", R"({"usage":{"prompt_tokens":-0}})", true);
    // Left to QJsonDocument: the results must still agree.
    row("error object", R"({"error":{"message":"boom"}})", false);
    row("error true", R"({"error":true})", false);
    row("vllm error", R"({"object":"error","message":"bad"})", false);
    row("duplicate choices", R"({"choices":[],"choices":[{"delta":{"content":"x"}}]})", false);
    row("duplicate content", R"({"choices":[{"delta":{"content":"a","content":"b"}}]})", false);
    row("escaped key", R"({"choi\u0063es":[{"delta":{"content":"x"}}]})", false);
    row("surrogate pair", R"({"choices":[{"delta":{"content":"\ud83d\ude00"}}]})", false);
    row("lone surrogate", R"({"choices":[{"delta":{"content":"\ud83d"}}]})", false);
    row("nul escape", R"({"choices":[{"delta":{"content":"\u0000"}}]})", false);
    row("exponent", R"({"created":1e3,"choices":[]})", false);
    row("bad utf8", "{\"choices\":[{\"delta\":{\"content\":\"\xC3\x28\"}}]}", false);
    row("overlong utf8", "{\"choices\":[{\"delta\":{\"content\":\"\xC0\xAF\"}}]}", false);
    row("control char", "{\"choices\":[{\"delta\":{\"content\":\"a\x01\"}}]}", false);
    row("trailing garbage", R"({"choices":[]} x)", false);
    row("trailing comma", R"({"choices":[],})", false);
    row("leading zero", R"({"index":01})", false);
    row("not an object", "[1,2]", false);
    row("truncated", R"({"choices":[{"delta":{"cont)", false);
    row("text", "hello", false);
    row("deep", QByteArray(100, '[').prepend("{\"a\":") + QByteArray(100, ']') + "}", false);
    row("choices not array", R"({"choices":{"a":1}})", false);
}

void TestChunkScanner::agreesWithReference() {
    ScannerCheck::verifyRow(OpenAiChatFlavor(), ChunkScanner::scan,
                            FlavorSupport::decodeOpenAiPayloadReference);
}

void TestChunkScanner::samplesTakeTheFastPath() {
    int payloads = 0;
    for (const char* name : {"llama-server-chat-usage.sse", "llama-server-chat-nousage.sse",
                             "llama-server-completions-usage.sse"}) {
        const ScannerCheck::SampleCounts counts =
            ScannerCheck::checkSample(OpenAiChatFlavor(), ChunkScanner::scan,
                                      FlavorSupport::decodeOpenAiPayloadReference, name);
        QVERIFY2(counts.failure.isEmpty(), qPrintable(counts.failure));
        payloads += counts.payloads;
    }
    QCOMPARE(payloads, 11 + 7 + 6);
}

QTEST_GUILESS_MAIN(TestChunkScanner)
#include "tst_chunkscanner.moc"

#include "scannercheck.h"

#include "protocol/anthropicflavor.h"
#include "protocol/anthropicscanner.h"
#include "protocol/openairesponsesflavor.h"
#include "protocol/responsesscanner.h"

#include <QTest>

// The fast paths of the typed streams against their flavor's QJsonDocument decoding
// (decodeReference), with the text and without it: AnthropicScanner and ResponsesScanner on
// the real llama.cpp streams and on hand-written events.
class TestTypedScanners : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void anthropic_data();
    void anthropic();
    void responses_data();
    void responses();
    void samplesTakeTheFastPath();
};

namespace {
// An Anthropic content_block_delta with this delta.
QByteArray delta(const QByteArray& json) {
    return R"({"type":"content_block_delta","index":0,"delta":)" + json + "}";
}

// A Responses event of this type with this delta.
QByteArray deltaEvent(const QByteArray& type, const QByteArray& delta) {
    return R"({"type":")" + type + R"(","item_id":"msg_1","output_index":0,"delta":)" + delta + "}";
}

// A Responses event of this type with this response object.
QByteArray endEvent(const QByteArray& type, const QByteArray& response) {
    return R"({"type":")" + type + R"(","response":)" + response + "}";
}
} // namespace

void TestTypedScanners::anthropic_data() {
    using ScannerCheck::row;
    ScannerCheck::addColumns(); // fast: expected to be decoded without QJsonDocument
    row("message_start cache",
        R"({"type":"message_start","message":{"id":"m","role":"assistant","content":[],)"
        R"("usage":{"input_tokens":25,"cache_creation_input_tokens":10,)"
        R"("cache_read_input_tokens":5,"output_tokens":1}}})",
        true);
    row("message_start cache null",
        R"({"type":"message_start","message":{"usage":{"input_tokens":7,)"
        R"("cache_creation_input_tokens":null,"cache_read_input_tokens":-2}}})",
        true);
    row("message_start no usage", R"({"type":"message_start","message":{"id":"m"}})", true);
    row("message_start usage null", R"({"type":"message_start","message":{"usage":null}})", true);
    row("message_start message string", R"({"type":"message_start","message":"m"})", true);
    row("message_start cache only",
        R"({"type":"message_start","message":{"usage":{"cache_read_input_tokens":5}}})", true);
    row("message_start huge",
        R"({"type":"message_start","message":{"usage":{"input_tokens":2147483647,)"
        R"("cache_read_input_tokens":2147483647}}})",
        true);
    row("message_start count too big",
        R"({"type":"message_start","message":{"usage":{"input_tokens":99999999999}}})", true);
    row("block start empty",
        R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})",
        true);
    row("block start text",
        R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":"Hi\n"}})",
        true);
    row("block start thinking",
        R"({"type":"content_block_start","index":0,)"
        R"("content_block":{"type":"thinking","thinking":""}})",
        true);
    row("block start tool",
        R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use",)"
        R"("id":"toolu_1","name":"get_weather","input":{}}})",
        true);
    row("text", delta(R"({"type":"text_delta","text":"Hello"})"), true);
    row("text escapes", delta(R"({"type":"text_delta","text":"a\"b\\c\/d\n\t\r\b\f\u00e9\u4e2d"})"),
        true);
    row("text utf8",
        delta("{\"type\":\"text_delta\",\"text\":\" \xD0\xA0\xD0\xB5\xD0\xB7\xD1\x83 "
              "\xE5\xA4\xAB \xF0\x9F\x98\x80\"}"),
        true);
    row("text empty", delta(R"({"type":"text_delta","text":""})"), true);
    row("text not a string", delta(R"({"type":"text_delta","text":5})"), true);
    row("text absent", delta(R"({"type":"text_delta"})"), true);
    row("thinking", delta(R"({"type":"thinking_delta","thinking":"Let me see"})"), true);
    row("thinking empty", delta(R"({"type":"thinking_delta","thinking":""})"), true);
    row("thinking with text key", delta(R"({"type":"thinking_delta","text":"x"})"), true);
    row("signature", delta(R"({"type":"signature_delta","signature":"EqQBCgIYAhIM"})"), true);
    row("input_json", delta(R"({"type":"input_json_delta","partial_json":"{\"city\": \"Par"})"),
        true);
    row("input_json empty", delta(R"({"type":"input_json_delta","partial_json":""})"), true);
    row("unknown delta", delta(R"({"type":"citations_delta","citation":{"x":1}})"), true);
    row("delta not an object", R"({"type":"content_block_delta","delta":"x"})", true);
    row("delta without type", delta(R"({"text":"x"})"), true);
    row("delta type not a string", delta(R"({"type":7,"text":"x"})"), true);
    row("type last",
        R"({"index":0,"delta":{"text":"x","type":"text_delta"},"type":"content_block_delta"})",
        true);
    row("whitespace",
        " \r\n{ \"type\" : \"content_block_delta\" , \"delta\" : { \"type\" : "
        "\"text_delta\" , \"text\" : \"a\" } }\t\n",
        true);
    row("message_delta",
        R"({"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},)"
        R"("usage":{"output_tokens":8}})",
        true);
    row("message_delta full usage",
        R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"input_tokens":3,)"
        R"("cache_creation_input_tokens":4,"cache_read_input_tokens":5,"output_tokens":9}})",
        true);
    row("message_delta tool_use", R"({"type":"message_delta","delta":{"stop_reason":"tool_use"}})",
        true);
    row("message_delta refusal", R"({"type":"message_delta","delta":{"stop_reason":"refusal"}})",
        true);
    row("message_delta other reason",
        R"({"type":"message_delta","delta":{"stop_reason":"pause_turn"}})", true);
    row("message_delta escaped reason",
        R"({"type":"message_delta","delta":{"stop_reason":"end\u005fturn"}})", true);
    row("message_delta null reason", R"({"type":"message_delta","delta":{"stop_reason":null}})",
        true);
    row("message_delta usage string", R"({"type":"message_delta","usage":{"output_tokens":"8"}})",
        true);
    row("message_stop", R"({"type":"message_stop"})", true);
    row("ping", R"({"type": "ping"})", true);
    row("block stop", R"({"type":"content_block_stop","index":0})", true);
    row("unknown type", R"({"type":"future_event","delta":{"type":"text_delta","text":"x"}})",
        true);
    row("dotted keys",
        R"({"type":"content_block_delta","delta.type":"text_delta","delta.text":"x"})", true);
    row("nested error key", R"({"type":"ping","x":{"error":{"message":"m"}}})", true);
    // Left to QJsonDocument: the results must still agree.
    row("error event",
        R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})", false);
    row("error field", R"({"type":"ping","error":{"message":"boom"}})", false);
    row("error null", R"({"type":"message_stop","error":null})", false);
    row("no type", R"({"index":0})", false);
    row("type empty", R"({"type":""})", false);
    row("type not a string", R"({"type":5})", false);
    row("type null", R"({"type":null})", false);
    row("escaped type", R"({"type":"message\u005fstop"})", false);
    row("escaped delta type", delta(R"({"type":"text\u005fdelta","text":"x"})"), false);
    row("duplicate type", R"({"type":"ping","type":"message_stop"})", false);
    row("duplicate delta",
        R"({"type":"content_block_delta","delta":{},"delta":{"type":"text_delta","text":"x"}})",
        false);
    row("duplicate text", delta(R"({"type":"text_delta","text":"a","text":"b"})"), false);
    row("duplicate message",
        R"({"type":"message_start","message":{},"message":{"usage":{"input_tokens":3}}})", false);
    row("duplicate usage",
        R"({"type":"message_delta","usage":{"output_tokens":1},"usage":{"output_tokens":2}})",
        false);
    row("count fraction", R"({"type":"message_delta","usage":{"output_tokens":8.0}})", false);
    row("count exponent", R"({"type":"message_delta","usage":{"output_tokens":8e0}})", false);
    row("surrogate pair", delta(R"({"type":"text_delta","text":"\ud83d\ude00"})"), false);
    row("bad utf8", delta("{\"type\":\"text_delta\",\"text\":\"\xC3\x28\"}"), false);
    row("control char", delta("{\"type\":\"text_delta\",\"text\":\"a\x01\"}"), false);
    row("deep",
        QByteArray(100, '[').prepend("{\"type\":\"ping\",\"a\":") + QByteArray(100, ']') + "}",
        false);
    row("not an object", "[1,2]", false);
    row("done", "[DONE]", false);
    row("truncated", R"({"type":"content_block_delta","delta":{"type":"text_delta","te)", false);
    row("trailing garbage", R"({"type":"ping"} x)", false);
    row("text", "event stream", false);
}

void TestTypedScanners::anthropic() {
    ScannerCheck::verifyRow(AnthropicFlavor(), AnthropicScanner::scan,
                            AnthropicFlavor::decodeReference);
}

void TestTypedScanners::responses_data() {
    using ScannerCheck::row;
    ScannerCheck::addColumns(); // fast: expected to be decoded without QJsonDocument
    row("created",
        R"({"type":"response.created","response":{"id":"r","status":"in_progress","usage":null}})",
        true);
    row("output_item.added",
        R"({"type":"response.output_item.added","item":{"content":[],"type":"message"}})", true);
    row("content_part.added",
        R"({"type":"response.content_part.added","part":{"type":"output_text","text":""}})", true);
    row("text", deltaEvent("response.output_text.delta", R"("Hello")"), true);
    row("text escapes", deltaEvent("response.output_text.delta", R"("={\\\"\n\u00e9\u4e2d\/")"),
        true);
    row("text utf8",
        deltaEvent("response.output_text.delta", "\" \xD0\xB1\xD1\x80 \xE5\xA4\xAB "
                                                 "\xF0\x9F\x98\x80\""),
        true);
    row("text empty", deltaEvent("response.output_text.delta", R"("")"), true);
    row("text not a string", deltaEvent("response.output_text.delta", "[1]"), true);
    row("text absent", R"({"type":"response.output_text.delta"})", true);
    row("reasoning", deltaEvent("response.reasoning_text.delta", R"("hmm")"), true);
    row("reasoning summary", deltaEvent("response.reasoning_summary_text.delta", R"("so")"), true);
    row("function arguments",
        deltaEvent("response.function_call_arguments.delta", R"("{\"city\":")"), true);
    row("type last", R"({"delta":"x","sequence_number":4,"type":"response.output_text.delta"})",
        true);
    row("text done",
        R"({"type":"response.output_text.done","item_id":"msg_1","text":"Hello there"})", true);
    row("completed",
        endEvent("response.completed",
                 R"({"id":"r","status":"completed","output":[{"type":"message","content":[)"
                 R"({"type":"output_text","text":"Hi"}]}],"usage":{"input_tokens":53,)"
                 R"("output_tokens":8,"total_tokens":61,"input_tokens_details":)"
                 R"({"cached_tokens":0}}})"),
        true);
    row("completed no usage", endEvent("response.completed", R"({"status":"completed"})"), true);
    row("completed usage null", endEvent("response.completed", R"({"usage":null})"), true);
    row("completed no response", R"({"type":"response.completed"})", true);
    row("incomplete length",
        endEvent("response.incomplete",
                 R"({"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},)"
                 R"("usage":{"input_tokens":5,"output_tokens":16}})"),
        true);
    row("incomplete filter",
        endEvent("response.incomplete", R"({"incomplete_details":{"reason":"content_filter"}})"),
        true);
    row("whitespace", " \n{ \"type\" : \"response.output_text.delta\" , \"delta\" : \"a\" }\r\n",
        true);
    row("unknown type", R"({"type":"response.future","delta":"x"})", true);
    // Left to QJsonDocument: the results must still agree.
    row("incomplete other reason",
        endEvent("response.incomplete", R"({"incomplete_details":{"reason":"other"}})"), false);
    row("incomplete no details", endEvent("response.incomplete", R"({"status":"incomplete"})"),
        false);
    row("failed",
        endEvent("response.failed",
                 R"({"status":"failed","error":{"code":"server_error","message":"boom"}})"),
        false);
    row("error event", R"({"type":"error","code":"rate_limit","message":"slow down"})", false);
    row("error object without type",
        R"({"error":{"code":500,"message":"the model crashed","type":"server_error"}})", false);
    row("error field", R"({"type":"response.output_text.delta","delta":"x","error":null})", false);
    row("no type", R"({"delta":"x"})", false);
    row("type not a string", R"({"type":["response.completed"]})", false);
    row("escaped type", deltaEvent("response.output\\u005ftext.delta", R"("x")"), false);
    row("duplicate type", R"({"type":"response.created","type":"response.completed"})", false);
    row("duplicate delta", R"({"type":"response.output_text.delta","delta":"","delta":"x"})",
        false);
    row("duplicate response",
        R"({"type":"response.completed","response":{},"response":{"usage":{"output_tokens":1}}})",
        false);
    row("duplicate usage",
        endEvent("response.completed", R"({"usage":{"input_tokens":1},"usage":{}})"), false);
    row("count fraction", endEvent("response.completed", R"({"usage":{"input_tokens":5.0}})"),
        false);
    row("surrogate pair", deltaEvent("response.output_text.delta", R"("\ud83d\ude00")"), false);
    row("nul escape", deltaEvent("response.output_text.delta", R"("\u0000")"), false);
    row("exponent elsewhere", R"({"type":"response.created","created_at":1.7e9})", false);
    row("bad utf8", deltaEvent("response.output_text.delta", "\"\xE4\xB8\""), false);
    row("leading zero", R"({"type":"response.created","sequence_number":01})", false);
    row("not an object", R"("response.completed")", false);
    row("done", "[DONE]", false);
    row("truncated", R"({"type":"response.output_text.delta","delta":"ab)", false);
}

void TestTypedScanners::responses() {
    ScannerCheck::verifyRow(OpenAiResponsesFlavor(), ResponsesScanner::scan,
                            OpenAiResponsesFlavor::decodeReference);
}

// Every event of both streams decoded by the fast path: 8 text deltas each, one end
// (message_stop, response.completed).
void TestTypedScanners::samplesTakeTheFastPath() {
    ScannerCheck::verifySample(AnthropicFlavor(), AnthropicScanner::scan,
                               AnthropicFlavor::decodeReference, "llama-server-anthropic.sse", 13,
                               8, 1);
    ScannerCheck::verifySample(OpenAiResponsesFlavor(), ResponsesScanner::scan,
                               OpenAiResponsesFlavor::decodeReference, "llama-server-responses.sse",
                               16, 8, 1);
}

QTEST_GUILESS_MAIN(TestTypedScanners)
#include "tst_typedscanners.moc"

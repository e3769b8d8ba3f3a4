#include "protocol/anthropicscanner.h"

#include "protocol/anthropicflavor.h"
#include "protocol/jsonfields.h"

namespace {
using Kind = JsonFields::Kind;

// Every field that some event type uses (AnthropicFlavor::decodeReference reads the same).
enum Field {
    Type,
    Error,
    DeltaType,
    DeltaText,
    DeltaThinking,
    DeltaPartialJson,
    StopReason,
    BlockText,
    StartInput, // message_start's message.usage
    StartCacheCreation,
    StartCacheRead,
    Input, // message_delta's usage
    CacheCreation,
    CacheRead,
    Output,
    kFieldCount
};

constexpr JsonFields::Spec kFields[kFieldCount] = {
    {"type", Kind::Name},
    {"error", Kind::Refused}, // an error: the reference builds its message
    {"delta.type", Kind::Name},
    {"delta.text", Kind::String},
    {"delta.thinking", Kind::String},
    {"delta.partial_json", Kind::String},
    {"delta.stop_reason", Kind::String},
    {"content_block.text", Kind::String},
    {"message.usage.input_tokens", Kind::Count},
    {"message.usage.cache_creation_input_tokens", Kind::Count},
    {"message.usage.cache_read_input_tokens", Kind::Count},
    {"usage.input_tokens", Kind::Count},
    {"usage.cache_creation_input_tokens", Kind::Count},
    {"usage.cache_read_input_tokens", Kind::Count},
    {"usage.output_tokens", Kind::Count},
};

using Values = JsonFields::Value[kFieldCount];

void readDelta(const Values& v, bool decodeText, StreamEvent* event) {
    event->hasChoices = true;
    const QByteArrayView type = v[DeltaType].name();
    const JsonFields::Value* text = type == "text_delta"         ? &v[DeltaText]
                                    : type == "thinking_delta"   ? &v[DeltaThinking]
                                    : type == "input_json_delta" ? &v[DeltaPartialJson]
                                                                 : nullptr;
    if (!text || !text->nonEmpty())
        return; // signature_delta and empty deltas: no generated token
    event->hasContent = true;
    // Thinking is generated output (TTFT) but not part of the answer text.
    if (decodeText && type != "thinking_delta")
        event->text = text->text();
}

void readBlockStart(const Values& v, bool decodeText, StreamEvent* event) {
    event->hasChoices = true;
    event->hasContent = v[BlockText].nonEmpty();
    if (decodeText && event->hasContent)
        event->text = v[BlockText].text();
}

void readMessageDelta(const Values& v, StreamEvent* event) {
    event->finishReason = AnthropicFlavor::finishReason(v[StopReason].text());
    event->completionTokens = v[Output].count;
    event->promptTokens =
        AnthropicFlavor::promptTokens(v[Input].count, v[CacheCreation].count, v[CacheRead].count);
}

// The event its type makes of the fields; false for an error event, or one without a type
// (the reference builds their messages).
bool readEvent(const Values& v, bool decodeText, StreamEvent* out) {
    const QByteArrayView type = v[Type].name();
    if (type.isEmpty() || type == "error")
        return false;
    if (type == "content_block_delta")
        readDelta(v, decodeText, out);
    else if (type == "message_start")
        out->promptTokens = AnthropicFlavor::promptTokens(
            v[StartInput].count, v[StartCacheCreation].count, v[StartCacheRead].count);
    else if (type == "content_block_start")
        readBlockStart(v, decodeText, out);
    else if (type == "message_delta")
        readMessageDelta(v, out);
    else if (type == "message_stop")
        out->done = true;
    // Other types (ping, content_block_stop, new ones) carry nothing the metrics count.
    return true;
}
} // namespace

EventScan::Result AnthropicScanner::scan(QByteArrayView payload, StreamEvent* event,
                                         EventScan::Text want) {
    return EventScan::scanFields(payload, event, want, kFields, readEvent);
}

#pragma once

#include "workload/conversation.h"

#include <QByteArrayView>
#include <QString>

#include <rapidjson/document.h>

// Reads one dataset entry (an element of a ShareGPT JSON array, or one JSONL line) into a
// Conversation. Accepted shapes, as found in the wild:
//   {"conversations": [{"from": "human"|"gpt"|"system", "value": "..."}, ...]}   ShareGPT
//   {"messages": [{"role": "user"|"assistant"|"system", "content": ...}, ...]}    OpenAI chat
//   (either key with either message shape; content may be an array of {"text": ...} parts)
//   {"prompt": "...", "completion"|"response"|"answer": "...", "system": "..."}  plain
//   a bare messages array, or a bare string (the prompt)
// An output length comes from max_tokens, output_tokens, output_len, output_length or
// max_completion_tokens (the first present). User and assistant messages are paired into
// turns: consecutive messages of one side are joined with a blank line, an answer before
// the first user message is dropped, as are tool and other roles. Internal to the workload
// library (it exposes RapidJSON).
class ConversationJson {
public:
    // RapidJSON's iterative parser: deep nesting cannot overflow the stack.
    static constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag;

    // A document whose first 16 KiB of values live on the stack: a typical entry parses
    // without touching the heap (millions of entries in a large dump).
    struct Parsed {
        char buffer[16 * 1024];
        rapidjson::MemoryPoolAllocator<> allocator{buffer, sizeof buffer};
        rapidjson::Document document{&allocator};
    };

    // False with a one-line *reason (printable) when the JSON is broken or of no known
    // shape, or it holds no user text.
    static bool parse(QByteArrayView json, Conversation* out, QString* reason);
    static bool fromValue(const rapidjson::Value& value, Conversation* out, QString* reason);
    // Parses json into *document; false with a reason ("not valid JSON (byte 12: ...)").
    static bool parseDocument(QByteArrayView json, rapidjson::Document* document, QString* reason);
    // The output length fields: true with *value = -1 when none is present.
    static bool readOutputLength(const rapidjson::Value& object, int* value, QString* reason);
    static QString string(const rapidjson::Value& value); // a JSON string as QString
    static QString typeName(const rapidjson::Value& value);
};

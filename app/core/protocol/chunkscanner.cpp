#include "protocol/chunkscanner.h"

#include "protocol/jsonreader.h"

#include <QString>

#include <utility>

ChunkScanner::Result ChunkScanner::scan(QByteArrayView payload, StreamEvent* event, Text want) {
    const bool decodeText = want == Text::Decode;
    const QByteArrayView json = payload.trimmed(); // as the full decoder trims
    JsonReader r(json);
    StreamEvent out;
    bool sawRole = false;
    bool seenChoices = false, seenUsage = false, seenError = false, seenObject = false;

    const auto onceOnly = [](bool* seen) { return !std::exchange(*seen, true); };

    // content: the decoded text (only when decodeText); hasContent: it is non-empty.
    const auto readDelta = [&](QString* content, bool* hasContent, bool* reasoning) {
        bool seenContent = false, seenReasoning = false, seenReasoning2 = false;
        return r.object(2, [&](QByteArrayView key) {
            if (key == "content") {
                if (!onceOnly(&seenContent))
                    return false;
                return r.next() == '"' ? r.text(decodeText ? content : nullptr, hasContent)
                                       : r.skipValue(3);
            }
            if (key == "reasoning_content" || key == "reasoning") {
                if (!onceOnly(key == "reasoning" ? &seenReasoning2 : &seenReasoning))
                    return false;
                if (r.next() != '"')
                    return r.skipValue(3);
                bool nonEmpty = false; // only whether there is any: not part of the text
                if (!r.text(nullptr, &nonEmpty))
                    return false;
                *reasoning = *reasoning || nonEmpty;
                return true;
            }
            if (key == "role")
                sawRole = true;
            return r.skipValue(3);
        });
    };

    const auto readChoice = [&]() {
        if (r.next() != '{')
            return r.skipValue(2); // not an object: counts as a choice, carries nothing
        QString content, text, finish;
        bool hasContent = false, hasText = false, reasoning = false;
        bool seenDelta = false, seenText = false, seenFinish = false;
        const bool ok = r.object(1, [&](QByteArrayView key) {
            if (key == "delta") {
                if (!onceOnly(&seenDelta))
                    return false;
                return r.next() == '{' ? readDelta(&content, &hasContent, &reasoning)
                                       : r.skipValue(2);
            }
            if (key == "text") {
                if (!onceOnly(&seenText))
                    return false;
                return r.next() == '"' ? r.text(decodeText ? &text : nullptr, &hasText)
                                       : r.skipValue(2);
            }
            if (key == "finish_reason") {
                if (!onceOnly(&seenFinish))
                    return false;
                return r.next() == '"' ? r.string(&finish) : r.skipValue(2);
            }
            return r.skipValue(2);
        });
        if (hasContent || hasText || reasoning) {
            out.hasContent = true;
            out.text += content;
            out.text += text;
        }
        if (!finish.isEmpty() && out.finishReason.isEmpty())
            out.finishReason = finish;
        return ok;
    };

    const bool ok = r.object(0, [&](QByteArrayView key) {
        if (key == "choices") {
            if (!onceOnly(&seenChoices))
                return false;
            if (r.next() == 'n')
                return r.literal("null");
            return r.array([&] {
                out.hasChoices = true;
                return readChoice();
            });
        }
        if (key == "usage") {
            if (!onceOnly(&seenUsage))
                return false;
            if (r.next() != '{')
                return r.skipValue(1);
            bool seenPrompt = false, seenCompletion = false;
            return r.object(1, [&](QByteArrayView name) {
                if (name == "prompt_tokens")
                    return onceOnly(&seenPrompt) && r.tokenCount(&out.promptTokens, 3);
                if (name == "completion_tokens")
                    return onceOnly(&seenCompletion) && r.tokenCount(&out.completionTokens, 3);
                return r.skipValue(2);
            });
        }
        if (key == "error") { // only "no error" values are decoded here
            if (!onceOnly(&seenError))
                return false;
            return r.next() == 'n' ? r.literal("null") : r.literal("false");
        }
        if (key == "object") {
            if (!onceOnly(&seenObject))
                return false;
            if (r.next() != '"')
                return r.skipValue(1);
            // Looked at where it is (no QString per event); a value with escapes is left
            // to the full parser.
            QByteArrayView type;
            return r.string(nullptr, &type) && type != "error";
        }
        return r.skipValue(1);
    });
    if (!ok || !r.atEnd())
        return Result::NeedsFullParse;

    out.roleOnly = sawRole && !out.hasContent && out.finishReason.isEmpty();
    return EventScan::decoded(std::move(out), event);
}

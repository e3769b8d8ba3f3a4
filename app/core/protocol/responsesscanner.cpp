#include "protocol/responsesscanner.h"

#include "protocol/jsonfields.h"
#include "protocol/openairesponsesflavor.h"

namespace {
using Kind = JsonFields::Kind;

// Every field that some event type uses (OpenAiResponsesFlavor::decodeReference reads the
// same).
enum Field { Type, Error, Delta, Input, Output, IncompleteReason, kFieldCount };

constexpr JsonFields::Spec kFields[kFieldCount] = {
    {"type", Kind::Name},
    {"error", Kind::Refused}, // an error: the reference builds its message
    {"delta", Kind::String},
    {"response.usage.input_tokens", Kind::Count},
    {"response.usage.output_tokens", Kind::Count},
    {"response.incomplete_details.reason", Kind::String},
};

using Values = JsonFields::Value[kFieldCount];

bool isContentDelta(QByteArrayView type) {
    for (const char* name : OpenAiResponsesFlavor::kContentDeltaTypes) {
        if (type == name)
            return true;
    }
    return false;
}

// response.completed / response.incomplete; false for a reason the reference reports as
// an error.
bool readEnd(const Values& v, bool completed, StreamEvent* event) {
    event->promptTokens = v[Input].count;
    event->completionTokens = v[Output].count;
    event->done = true;
    if (completed) {
        event->finishReason = QStringLiteral("stop");
        return true;
    }
    event->finishReason = OpenAiResponsesFlavor::incompleteFinishReason(v[IncompleteReason].text());
    return !event->finishReason.isEmpty();
}

// The event its type makes of the fields; false for an error event, an incomplete response
// that failed, or an event without a type (the reference builds their messages).
bool readEvent(const Values& v, bool decodeText, StreamEvent* out) {
    const QByteArrayView type = v[Type].name();
    if (isContentDelta(type)) {
        out->hasChoices = true;
        out->hasContent = v[Delta].nonEmpty();
        // Reasoning is generated output (TTFT) but not part of the answer text.
        if (decodeText && out->hasContent && type == "response.output_text.delta")
            out->text = v[Delta].text();
    } else if (type == "response.output_item.added" || type == "response.content_part.added") {
        out->hasChoices = true;
    } else if (type == "response.completed" || type == "response.incomplete") {
        return readEnd(v, type == "response.completed", out);
    } else if (type.isEmpty() || type == "error" || type == "response.failed") {
        return false;
    }
    // Other types (created, in_progress, *.done, ...) carry nothing the metrics count.
    return true;
}
} // namespace

EventScan::Result ResponsesScanner::scan(QByteArrayView payload, StreamEvent* event,
                                         EventScan::Text want) {
    return EventScan::scanFields(payload, event, want, kFields, readEvent);
}

#pragma once

#include "protocol/jsonfields.h"
#include "protocol/streamevent.h"

#include <QByteArray>

#include <utility>

// What the stream decoders' fast paths (ChunkScanner, AnthropicScanner, ResponsesScanner)
// share: their answer, whether they decode the event's text, and the fall-back to the
// flavor's QJsonDocument decoding.
struct EventScan {
    // NeedsFullParse: anything unusual; the caller decodes with QJsonDocument instead.
    enum class Result { Decoded, NeedsFullParse };
    // Skip: the content is validated and hasContent set, but StreamEvent::text is left
    // empty (decoding it is the one allocation per event a stream would still cost).
    enum class Text { Decode, Skip };

    // A scanner's decoded `out` into *event, keeping what the caller set there (arrival, raw).
    static Result decoded(StreamEvent out, StreamEvent* event) {
        out.arrivalNs = event->arrivalNs;
        out.raw = std::move(event->raw);
        *event = std::move(out);
        return Result::Decoded;
    }

    // A typed stream's event (AnthropicScanner, ResponsesScanner): the fields `specs` picked
    // in one walk, then read(values, decodeText, &out) makes the event. Either may answer
    // that the full parser must decode it (read: by returning false).
    template <int N, typename Read>
    static Result scanFields(QByteArrayView payload, StreamEvent* event, Text want,
                             const JsonFields::Spec (&specs)[N], Read read) {
        JsonFields::Value values[N];
        StreamEvent out;
        if (!JsonFields::pick(payload.trimmed(), specs, values) ||
            !read(values, want == Text::Decode, &out))
            return Result::NeedsFullParse;
        return decoded(std::move(out), event);
    }

    // scan(payload, &event, text) where it decodes the payload, else reference(payload).
    template <typename Scan, typename Reference>
    static StreamEvent decode(const QByteArray& payload, Text text, Scan scan,
                              Reference reference) {
        StreamEvent event;
        event.raw = payload;
        if (scan(payload, &event, text) == Result::Decoded)
            return event;
        return reference(payload);
    }
};

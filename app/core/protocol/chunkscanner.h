#pragma once

#include "protocol/eventscan.h"
#include "protocol/streamevent.h"

#include <QByteArrayView>

// Fast path for decoding an OpenAI-style chunk: walks the JSON once, validating it and
// picking out only what StreamEvent needs (choices, delta content / reasoning / role,
// text, finish_reason, usage), without building a QJsonDocument. Building the document
// cost ~10 us per event; this keeps the client far from being the bottleneck at
// hundreds of thousands of events per second.
//
// It is deliberately conservative: whenever the input is anything but plain, well-formed
// JSON of the expected shape (an error object, duplicate keys, escapes it does not
// handle, exponents, invalid UTF-8, deep nesting, ...) it answers NeedsFullParse and the
// caller decodes with QJsonDocument instead. The fuzzer checks that every Decoded result
// equals the QJsonDocument-based decoding.
class ChunkScanner {
public:
    using Result = EventScan::Result;
    using Text = EventScan::Text;
    // payload: one event's data (not "[DONE]"). Fills the decoded fields of *event.
    static Result scan(QByteArrayView payload, StreamEvent* event, Text want = Text::Decode);
};

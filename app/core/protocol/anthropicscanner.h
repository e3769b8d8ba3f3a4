#pragma once

#include "protocol/eventscan.h"
#include "protocol/streamevent.h"

#include <QByteArrayView>

// Fast path for decoding an Anthropic Messages event (AnthropicFlavor): one walk over the
// JSON (JsonFields) picks what StreamEvent needs for the event's type (a delta's text,
// thinking or partial_json, a block's text, usage with the cache's tokens, stop_reason)
// without building a QJsonDocument, which cost ~18 allocations per event.
//
// Error events, events without a type, and anything but plain JSON of the expected shape
// answer NeedsFullParse: AnthropicFlavor::decodeReference then decodes them. The fuzzer
// checks that every Decoded result equals the reference's.
class AnthropicScanner {
public:
    // payload: one event's data. Fills the decoded fields of *event (arrivalNs and raw kept).
    static EventScan::Result scan(QByteArrayView payload, StreamEvent* event,
                                  EventScan::Text want = EventScan::Text::Decode);
};

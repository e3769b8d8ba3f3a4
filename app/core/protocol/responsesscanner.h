#pragma once

#include "protocol/eventscan.h"
#include "protocol/streamevent.h"

#include <QByteArrayView>

// Fast path for decoding an OpenAI Responses event (OpenAiResponsesFlavor): one walk over
// the JSON (JsonFields) picks what StreamEvent needs for the event's type (a delta, the end's
// usage and incomplete reason) without building a QJsonDocument, which cost ~10
// allocations per event.
//
// Error events (error, response.failed, an incomplete response for another reason, an
// "error" field), events without a type, and anything but plain JSON of the expected shape
// answer NeedsFullParse: OpenAiResponsesFlavor::decodeReference then decodes them. The
// fuzzer checks that every Decoded result equals the reference's.
class ResponsesScanner {
public:
    // payload: one event's data. Fills the decoded fields of *event (arrivalNs and raw kept).
    static EventScan::Result scan(QByteArrayView payload, StreamEvent* event,
                                  EventScan::Text want = EventScan::Text::Decode);
};

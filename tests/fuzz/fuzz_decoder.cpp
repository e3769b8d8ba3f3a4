// libFuzzer target for the stream decoder: SseParser + a flavor's decodePayload +
// StreamTracker over arbitrary bytes, cut at arbitrary points.
//
// Besides crashes and sanitizer reports it checks exactness differentially: the bytes fed
// byte by byte and fed in fuzzer-chosen reads must give the same payloads and the same
// record (with every timestamp moved to the end of the read that completed its event); and
// every payload decoded by the chat, Anthropic and Responses flavors' fast paths must equal
// their QJsonDocument decoding.
//
// Input layout: [flags][close][cut seed][body...]
#include "protocol/anthropicflavor.h"
#include "protocol/anthropicscanner.h"
#include "protocol/chunkscanner.h"
#include "protocol/flavorsupport.h"
#include "protocol/ollamaflavor.h"
#include "protocol/openaichatflavor.h"
#include "protocol/openaicompletionsflavor.h"
#include "protocol/openaiembeddingsflavor.h"
#include "protocol/openairesponsesflavor.h"
#include "protocol/responsesscanner.h"
#include "protocol/sseparser.h"
#include "protocol/streamtracker.h"
#include "protocol/tgiflavor.h"
#include "record/requestrecord.h"

#include <QByteArray>
#include <QList>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>

namespace {
constexpr qint64 kBase = 1'000'000;
constexpr qint64 kStep = 1'000;

qint64 arrival(qsizetype end) {
    return kBase + qint64(end) * kStep;
}

[[noreturn]] void mismatch(const char* what) {
    std::fprintf(stderr, "fuzz_decoder: mismatch in %s\n", what);
    std::abort();
}

quint64 splitmix64(quint64* state) {
    quint64 z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

QList<qsizetype> cutsFor(quint8 seed, qsizetype size) {
    static constexpr qsizetype kMaxSteps[] = {1, 3, 16, 200};
    const qsizetype maxStep = kMaxSteps[seed & 3];
    quint64 state = seed;
    QList<qsizetype> cuts;
    for (qsizetype at = qsizetype(1 + splitmix64(&state) % quint64(maxStep)); at < size;
         at += qsizetype(1 + splitmix64(&state) % quint64(maxStep)))
        cuts.append(at);
    return cuts;
}

QList<qsizetype> bytewise(qsizetype size) {
    QList<qsizetype> cuts;
    for (qsizetype i = 1; i < size; ++i)
        cuts.append(i);
    return cuts;
}

struct Setup {
    const ApiFlavor* flavor;
    int status;
    QByteArray contentType;
    int close; // 0 clean, 1 reset, 2 cancel, 3 fail(timeout) then cancel
};

RequestRecord runTracker(const Setup& setup, const QByteArray& body, const QList<qsizetype>& cuts) {
    RequestRecord record;
    record.tSendNs = 1;
    record.inputTokens = 3;
    StreamTracker tracker(*setup.flavor, record);
    tracker.onHeaders(2, setup.status, setup.contentType);
    qsizetype from = 0;
    QList<qsizetype> ends = cuts;
    ends.append(body.size());
    for (qsizetype end : ends) {
        // fromRawData: no allocation per read, so byte-by-byte runs stay fast under ASan.
        if (end > from)
            tracker.onBytes(QByteArray::fromRawData(body.constData() + from, end - from),
                            arrival(end));
        from = end;
    }
    const qint64 closeAt = arrival(body.size()) + kStep;
    switch (setup.close) {
    case 0:
        tracker.onFinished(closeAt, QNetworkReply::NoError, QString());
        break;
    case 1:
        tracker.onFinished(closeAt, QNetworkReply::RemoteHostClosedError, QStringLiteral("closed"));
        break;
    case 2:
        tracker.onFinished(closeAt, QNetworkReply::OperationCanceledError,
                           QStringLiteral("cancel"));
        break;
    default:
        tracker.fail(closeAt, ErrorClass::Timeout, QStringLiteral("idle"));
        tracker.onFinished(closeAt + 1, QNetworkReply::OperationCanceledError, QString());
        break;
    }
    if (!tracker.isFinished())
        mismatch("tracker not finished after onFinished/fail");
    return tracker.takeRecord();
}

// The byte-by-byte record as it must look when reads end at `cuts`.
qint64 mapTime(qint64 t, const QList<qsizetype>& cuts, qsizetype size) {
    if (t < kBase || t > arrival(size))
        return t;
    const qsizetype byteEnd = qsizetype((t - kBase) / kStep);
    for (qsizetype end : cuts) {
        if (end >= byteEnd)
            return arrival(end);
    }
    return arrival(size);
}

void compareRecords(const RequestRecord& fine, const RequestRecord& coarse,
                    const QList<qsizetype>& cuts, qsizetype size) {
    const auto map = [&](qint64 t) { return mapTime(t, cuts, size); };
    if (map(fine.tFirstEventNs) != coarse.tFirstEventNs)
        mismatch("tFirstEventNs");
    if (map(fine.tFirstContentNs) != coarse.tFirstContentNs)
        mismatch("tFirstContentNs");
    if (map(fine.tLastContentNs) != coarse.tLastContentNs)
        mismatch("tLastContentNs");
    if (map(fine.tEndNs) != coarse.tEndNs)
        mismatch("tEndNs");
    if (fine.contentEventNs.size() != coarse.contentEventNs.size())
        mismatch("contentEventNs size");
    for (qsizetype i = 0; i < fine.contentEventNs.size(); ++i) {
        if (map(fine.contentEventNs[i]) != coarse.contentEventNs[i])
            mismatch("contentEventNs");
    }
    if (fine.outputTokens != coarse.outputTokens || fine.inputTokens != coarse.inputTokens ||
        fine.outputTokensSource != coarse.outputTokensSource ||
        fine.inputTokensSource != coarse.inputTokensSource)
        mismatch("tokens");
    if (fine.finishReason != coarse.finishReason)
        mismatch("finishReason");
    if (fine.error != coarse.error || fine.errorMessage != coarse.errorMessage)
        mismatch("error");
}

void compareEvents(const StreamEvent& a, const StreamEvent& b, bool withText, const char* what) {
    if (a.done != b.done || a.hasChoices != b.hasChoices || a.hasContent != b.hasContent ||
        a.roleOnly != b.roleOnly || (withText && a.text != b.text) ||
        a.finishReason != b.finishReason || a.promptTokens != b.promptTokens ||
        a.completionTokens != b.completionTokens || a.isError != b.isError ||
        a.malformed != b.malformed || a.errorMessage != b.errorMessage || a.raw != b.raw)
        mismatch(what);
}

// A fast decoder (ChunkScanner, AnthropicScanner, ResponsesScanner behind their flavor) must
// agree with its QJsonDocument-based reference, field by field; without the text (the load
// path's decoding), in everything but the text, which it must leave empty when it decoded.
void compareDecoders(const ApiFlavor& flavor, StreamEvent (*reference)(const QByteArray&),
                     EventScan::Result (*scan)(QByteArrayView, StreamEvent*, EventScan::Text),
                     const QByteArray& payload) {
    const StreamEvent fast = flavor.decodePayload(payload);
    compareEvents(fast, reference(payload), true, "fast decoder vs QJsonDocument reference");
    const StreamEvent lean = flavor.decodeWithoutText(payload);
    compareEvents(lean, fast, false, "decoding without the text vs with it");
    StreamEvent scanned;
    if (scan(payload, &scanned, EventScan::Text::Skip) == EventScan::Result::Decoded &&
        !lean.text.isEmpty())
        mismatch("text decoded though not asked for");
}

void compareDecoders(const QByteArray& payload) {
    static const OpenAiChatFlavor chat;
    static const AnthropicFlavor anthropic;
    static const OpenAiResponsesFlavor responses;
    compareDecoders(chat, FlavorSupport::decodeOpenAiPayloadReference, ChunkScanner::scan, payload);
    compareDecoders(anthropic, AnthropicFlavor::decodeReference, AnthropicScanner::scan, payload);
    compareDecoders(responses, OpenAiResponsesFlavor::decodeReference, ResponsesScanner::scan,
                    payload);
}

void checkInvariants(const RequestRecord& r) {
    for (qsizetype i = 1; i < r.contentEventNs.size(); ++i) {
        if (r.contentEventNs[i] < r.contentEventNs[i - 1])
            mismatch("content events out of order");
    }
    if (!r.contentEventNs.isEmpty() && (r.tFirstContentNs != r.contentEventNs.first() ||
                                        r.tLastContentNs < r.contentEventNs.last()))
        mismatch("first/last content vs events");
    if (r.tEndNs < 0 || (r.tLastContentNs >= 0 && r.tEndNs < r.tLastContentNs))
        mismatch("tEndNs");
    if (r.outputTokens < 0 || r.inputTokens < 0)
        mismatch("negative tokens");
    if (r.outputTokensSource == TokenSource::Events && r.outputTokens != r.contentEventNs.size())
        mismatch("events count");
    if (!r.ok() && !ErrorClass::all().contains(r.error))
        mismatch("unknown error class");
}

// Whether any event of body decodes as the flavor's end of stream.
bool containsEnd(const ApiFlavor& flavor, const QByteArray& contentType, const QByteArray& body) {
    if (flavor.framing() == ApiFlavor::Framing::WholeBody) // no events: the body is the answer
        return flavor.decodePayload(body).done;
    const bool ndjson =
        contentType.contains("ndjson") || flavor.framing() == ApiFlavor::Framing::Ndjson;
    SseParser parser(ndjson ? SseParser::Mode::Ndjson : SseParser::Mode::Sse);
    QList<QByteArray> payloads = parser.feed(body);
    payloads += parser.finish();
    for (const QByteArray& payload : payloads) {
        if (flavor.decodePayload(payload).done)
            return true;
    }
    return false;
}

// Flag bits 5-7 pick one of the other flavors (0: bit 0 picks chat or completions, as the
// corpus entries written before them expect).
const ApiFlavor* pickFlavor(quint8 flags) {
    static const OpenAiChatFlavor chat;
    static const OpenAiCompletionsFlavor completions;
    static const AnthropicFlavor anthropic;
    static const OpenAiResponsesFlavor responses;
    static const TgiFlavor tgi;
    static const OllamaFlavor ollama;
    static const OpenAiEmbeddingsFlavor embeddings; // flags 0xA0: a whole-body answer
    static const ApiFlavor* const others[] = {&anthropic, &responses, &tgi, &ollama, &embeddings};
    const int other = (flags >> 5) & 7;
    if (other == 0)
        return (flags & 1) ? static_cast<const ApiFlavor*>(&completions) : &chat;
    return others[size_t(other - 1) % std::size(others)];
}

// The outcome rules of docs/METRICS.md, whatever the bytes: never a short success, never a
// silent failure.
void checkOutcome(const RequestRecord& r, const Setup& setup, const QByteArray& body) {
    if (r.ok() != r.errorMessage.isEmpty())
        mismatch("error message present exactly on failure");
    if (setup.status >= 400 && r.ok())
        mismatch("success with an HTTP error status");
    // (A timeout while the error body is still coming stays a timeout.)
    if (setup.status >= 400 && setup.close != 3 && !r.error.startsWith(QLatin1String("http_")))
        mismatch("HTTP error status not recorded as http_*");
    // Success needs the finish chunk or the flavor's end event ([DONE], message_stop, ...):
    // a stream cut anywhere before both (clean close, reset, or a timeout) is a failure.
    const bool sawDone = containsEnd(*setup.flavor, setup.contentType, body);
    if (r.ok() && r.finishReason.isEmpty() && !sawDone)
        mismatch("success without finish chunk or [DONE]");
    // fail(timeout) wins unless [DONE] had already ended the stream.
    if (setup.close == 3 && r.ok() && !sawDone)
        mismatch("success despite a timeout before [DONE]");
    if (!r.ok() && r.tEndNs < 0)
        mismatch("failure without end time");
    // TTFT never precedes TTFE's event or the headers; e2e never precedes TTFT.
    if (r.tFirstContentNs >= 0 && (r.tFirstEventNs < 0 || r.tFirstContentNs < r.tFirstEventNs))
        mismatch("first content before first event");
    if (r.ok() && r.tFirstContentNs >= 0 && r.tLastContentNs < r.tFirstContentNs)
        mismatch("last content before first content");
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 3)
        return 0;
    const quint8 flags = data[0];
    const QByteArray body(reinterpret_cast<const char*>(data + 3), qsizetype(size - 3));
    const QList<qsizetype> cuts = cutsFor(data[2], body.size());

    // The body as one payload (lets the fuzzer mutate JSON directly), then every event.
    compareDecoders(body);
    {
        SseParser parser;
        QList<QByteArray> payloads = parser.feed(body);
        payloads += parser.finish();
        for (const QByteArray& payload : payloads)
            compareDecoders(payload);
    }

    // The parser alone, both modes: whole == byte by byte == fuzzer-chosen reads.
    for (SseParser::Mode mode : {SseParser::Mode::Sse, SseParser::Mode::Ndjson}) {
        SseParser whole(mode, 256); // a small bound so the overflow path is exercised too
        QList<QByteArray> a = whole.feed(body);
        QList<QByteArray> aTypes = whole.lastEventTypes();
        a += whole.finish();
        aTypes += whole.lastEventTypes();
        SseParser pieces(mode, 256);
        QList<QByteArray> b;
        QList<QByteArray> bTypes;
        const auto feedPiece = [&](const QByteArray& piece) {
            b += pieces.feed(piece);
            bTypes += pieces.lastEventTypes();
        };
        qsizetype from = 0;
        for (qsizetype cut : cuts) {
            feedPiece(QByteArray::fromRawData(body.constData() + from, cut - from));
            from = cut;
        }
        feedPiece(body.mid(from));
        b += pieces.finish();
        bTypes += pieces.lastEventTypes();
        if (whole.hasError() != pieces.hasError())
            mismatch("parser error state");
        if (a.size() != aTypes.size() || b.size() != bTypes.size())
            mismatch("one event type per payload");
        if (!whole.hasError() && (a != b || aTypes != bTypes))
            mismatch("parser payloads");
    }

    static constexpr int kStatuses[] = {200, 200, 200, 429, 500, 404, 204, 0};
    Setup setup;
    setup.flavor = pickFlavor(flags);
    setup.contentType =
        (flags & 2) ? QByteArray("application/x-ndjson") : QByteArray("text/event-stream");
    setup.status = kStatuses[(flags >> 2) & 7];
    setup.close = data[1] & 3;

    const RequestRecord fine = runTracker(setup, body, bytewise(body.size()));
    const RequestRecord coarse = runTracker(setup, body, cuts);
    checkInvariants(fine);
    checkInvariants(coarse);
    checkOutcome(fine, setup, body);
    checkOutcome(coarse, setup, body);
    compareRecords(fine, coarse, cuts, body.size());
    return 0;
}

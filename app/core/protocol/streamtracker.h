#pragma once

#include "protocol/apiflavor.h"
#include "record/requestrecord.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QNetworkReply>
#include <QString>
#include <memory>

class SseParser;

// Turns the life of one HTTP response into a RequestRecord, exactly per docs/METRICS.md.
// The network code calls it on the thread that receives the bytes, passing the
// timestamp it read BEFORE handing the bytes over (parsing happens here, after).
// Feeding the same bytes whole, byte by byte, or cut anywhere gives the same record
// (each event stamped with the arrival time of the read that completed it).
// isFinished() turns true as soon as the outcome is known: [DONE], an error event, a
// malformed event, an overlong line, or onFinished()/fail(). Every later call is ignored,
// so the first outcome wins. After a failure the caller should abort the reply; after a
// success ([DONE]) it should let the reply finish by itself, because aborting it would
// also close a keep-alive connection the next request could reuse.
class StreamTracker {
public:
    // record carries id/level/warmup/tSchedNs/tSendNs and the prompt's estimated
    // inputTokens (source Estimate); flavor must outlive the tracker.
    StreamTracker(const ApiFlavor& flavor, RequestRecord record);
    ~StreamTracker();

    // Response headers arrived. Non-2xx statuses become http_429/http_4xx/http_5xx; the
    // body (a JSON error) is collected for errorMessage.
    void onHeaders(qint64 arrivalNs, int httpStatus, const QByteArray& contentType);
    // bytes need only live during the call: what the tracker keeps, it copies.
    void onBytes(QByteArrayView bytes, qint64 arrivalNs);
    // The transfer ended. error == NoError means a clean close. Classifies the outcome:
    // success needs a finish reason or [DONE]; otherwise reset / bad_stream / connect /
    // tls / timeout / http_* / stream_error_event / cancelled.
    void onFinished(qint64 arrivalNs, QNetworkReply::NetworkError error, const QString& errorText);
    // The caller's own timer fired (connect / first-token / idle / total) or the user
    // stopped the run: record it as `timeout` or `cancelled` with this message.
    void fail(qint64 arrivalNs, const QString& errorClass, const QString& message);

    bool isFinished() const;
    bool sawContent() const;
    const RequestRecord& record() const;
    RequestRecord takeRecord();
    // The first few raw event payloads (for "Test connection").
    QList<QByteArray> firstRawEvents() const;

    // --- Additions for diagnostics ("Test connection") and tests.
    static constexpr int MaxRawEvents = 8;
    // Keep the generated text (content, not reasoning), up to maxChars characters; off by
    // default so load runs do not pay for it.
    void setCollectText(bool collect, qsizetype maxChars = kMaxCollectedText);
    QString collectedText() const;
    // The text reached maxChars: what was collected is the answer's start only.
    bool collectedTextCut() const;
    static constexpr qsizetype kMaxCollectedText = 64 * 1024;
    // The first bytes of the response body (to show what a non-stream answer was).
    QByteArray firstBodyBytes() const;
    QByteArray contentType() const;
    int eventCount() const; // payloads decoded so far (incl. [DONE])
    // Error class of a transfer that ended with `error` (not NoError); responseStarted:
    // headers had arrived. OperationCanceledError maps to cancelled.
    static QString classifyNetworkError(QNetworkReply::NetworkError error, bool responseStarted);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

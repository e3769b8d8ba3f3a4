#pragma once

#include "apiflavor.h"
#include "requestrecord.h"

#include <QByteArray>
#include <QNetworkReply>
#include <QString>
#include <memory>

class SseParser;

// Turns the life of one HTTP response into a RequestRecord, exactly per METRICS.md.
// The network code calls it on the thread that receives the bytes, passing the
// timestamp it read BEFORE handing the bytes over (parsing happens here, after).
// Feeding the same bytes whole, byte by byte, or cut anywhere gives the same record.
class StreamTracker {
public:
    // record carries id/level/warmup/tSchedNs/tSendNs and the prompt's estimated
    // inputTokens (source Estimate); flavor must outlive the tracker.
    StreamTracker(const ApiFlavor& flavor, RequestRecord record);
    ~StreamTracker();

    // Response headers arrived. Non-2xx statuses become http_429/http_4xx/http_5xx; the
    // body (a JSON error) is collected for errorMessage.
    void onHeaders(qint64 arrivalNs, int httpStatus, const QByteArray& contentType);
    void onBytes(const QByteArray& bytes, qint64 arrivalNs);
    // The transfer ended. error == NoError means a clean close. Classifies the outcome:
    // success needs a finish reason or [DONE]; otherwise reset / bad_stream / connect /
    // tls / timeout / http_* / stream_error_event / cancelled.
    void onFinished(qint64 arrivalNs, QNetworkReply::NetworkError error,
                    const QString& errorText);
    // The caller's own timer fired (connect / first-token / idle / total) or the user
    // stopped the run: record it as `timeout` or `cancelled` with this message.
    void fail(qint64 arrivalNs, const QString& errorClass, const QString& message);

    bool isFinished() const;
    bool sawContent() const;
    const RequestRecord& record() const;
    RequestRecord takeRecord();
    // The first few raw event payloads (for "Test connection").
    QList<QByteArray> firstRawEvents() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

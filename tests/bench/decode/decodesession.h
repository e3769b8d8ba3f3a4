#pragma once

#include "protocol/apiflavor.h"
#include "protocol/sseparser.h"
#include "protocol/streamtracker.h"
#include "transport/httpresponseparser.h"

#include <QByteArray>
#include <optional>

// One response's receive path, from the bytes of one read on: the layer(s) under test
// for one stream. Constructed per stream (its set-up is not counted per event).
class DecodeSession {
public:
    enum class Layers {
        Sse,     // SseParser alone
        Tracker, // StreamTracker (SseParser + the flavor's decoder)
        Http     // HttpResponseParser (chunked) + StreamTracker
    };
    DecodeSession(Layers layers, const ApiFlavor& flavor);

    // The response head for Layers::Http (fed at construction).
    static QByteArray httpHead();

    void read(const QByteArray& bytes, qint64 arrivalNs);
    void finish(qint64 arrivalNs);
    // The stream decoded as it should: a success with content.
    bool succeeded() const;
    qint64 payloads() const { return m_payloads; }

private:
    Layers m_layers;
    SseParser m_sse;
    std::optional<StreamTracker> m_tracker;
    HttpResponseParser m_http;
    qint64 m_payloads = 0;
};

#include "decodesession.h"

DecodeSession::DecodeSession(Layers layers, const ApiFlavor& flavor)
    : m_layers(layers) {
    if (layers == Layers::Sse)
        return;
    m_tracker.emplace(flavor, RequestRecord());
    if (layers == Layers::Tracker) {
        m_tracker->onHeaders(0, 200, "text/event-stream");
        return;
    }
    HttpResponseParser::Output out;
    m_http.feed(httpHead(), &out);
    if (out.headComplete)
        m_tracker->onHeaders(0, m_http.status(), m_http.header("content-type"));
}

QByteArray DecodeSession::httpHead() {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
           "Transfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n";
}

void DecodeSession::read(const QByteArray& bytes, qint64 arrivalNs) {
    switch (m_layers) {
    case Layers::Sse:
        m_sse.feed(QByteArrayView(bytes), [this](QByteArrayView, QByteArrayView) { ++m_payloads; });
        break;
    case Layers::Tracker:
        m_tracker->onBytes(bytes, arrivalNs);
        break;
    case Layers::Http: {
        HttpResponseParser::Output out;
        m_http.feed(bytes, &out);
        for (const QByteArrayView piece : out.body)
            m_tracker->onBytes(piece, arrivalNs);
        break;
    }
    }
}

void DecodeSession::finish(qint64 arrivalNs) {
    if (m_layers == Layers::Sse)
        m_sse.finish([this](QByteArrayView, QByteArrayView) { ++m_payloads; });
    else
        m_tracker->onFinished(arrivalNs, QNetworkReply::NoError, QString());
}

bool DecodeSession::succeeded() const {
    if (m_layers == Layers::Sse)
        return !m_sse.hasError() && m_payloads > 0;
    if (m_layers == Layers::Http && !m_http.isComplete())
        return false;
    return m_tracker->isFinished() && m_tracker->record().error.isEmpty() &&
           m_tracker->sawContent();
}

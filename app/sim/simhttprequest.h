#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

// One parsed HTTP/1.1 request. Header names are lower-cased; values are trimmed.
struct SimHttpRequest {
    QByteArray method;
    QByteArray path;  // target without the query, percent-encoding kept
    QByteArray query; // after '?', may be empty
    int minorVersion = 1;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool keepAlive = true;
    bool expectContinue = false;

    QByteArray header(const QByteArray& lowerName) const {
        for (const auto& h : headers) {
            if (h.first == lowerName)
                return h.second;
        }
        return {};
    }
    QByteArray queryValue(const QByteArray& key) const;
};

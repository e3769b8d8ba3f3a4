#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>

// Small helpers shared by the flavor tests.
namespace FlavorTestUtil {
inline QJsonObject parse(const QByteArray& body) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    return error.error == QJsonParseError::NoError ? document.object() : QJsonObject();
}

inline QByteArray header(const QNetworkRequest& request, const char* name) {
    return request.rawHeader(name);
}
} // namespace FlavorTestUtil

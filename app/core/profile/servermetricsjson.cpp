#include "profile/servermetricsjson.h"

#include "common/urlredactor.h"
#include "profile/apikeyresolver.h"
#include "profile/jsonfieldreader.h"

#include <QJsonArray>

namespace {
const QString kNone = QStringLiteral("none");
const QString kSame = QStringLiteral("same");

QString keyText(const ServerMetricsConfig& config) {
    switch (config.keySource) {
    case ServerMetricsConfig::KeySource::None:
        return kNone;
    case ServerMetricsConfig::KeySource::Same:
        return kSame;
    case ServerMetricsConfig::KeySource::Reference:
        // Only a reference is ever written (never a literal key).
        return ApiKeyResolver::isEnvReference(config.keyRef) ? config.keyRef : kNone;
    }
    return kNone;
}

bool fail(QString* error, const QString& path, const QString& message) {
    *error = QStringLiteral("field '") + path + QStringLiteral("' ") + message;
    return false;
}

bool readUrl(JsonFieldReader& reader, ServerMetricsConfig* config, QString* error) {
    const QString key = QStringLiteral("url");
    QString text;
    if (!reader.readString(key, &text) || text.isEmpty())
        return reader.ok();
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return fail(error, reader.pathOf(key),
                    QStringLiteral("must be an http:// or https:// URL with a host"));
    if (UrlRedactor::hasCredentials(url))
        return fail(error, reader.pathOf(key),
                    QStringLiteral("carries credentials; use \"key\" with \"${env:NAME}\""));
    config->url = url;
    return true;
}

bool readKey(JsonFieldReader& reader, ServerMetricsConfig* config, QString* error) {
    const QString key = QStringLiteral("key");
    QString text;
    if (!reader.readString(key, &text) || !reader.has(key))
        return reader.ok();
    if (text == kNone || text.isEmpty()) {
        config->keySource = ServerMetricsConfig::KeySource::None;
    } else if (text == kSame) {
        config->keySource = ServerMetricsConfig::KeySource::Same;
    } else if (ApiKeyResolver::isEnvReference(text)) {
        config->keySource = ServerMetricsConfig::KeySource::Reference;
        config->keyRef = text;
    } else {
        return fail(error, reader.pathOf(key),
                    QStringLiteral("must be \"none\", \"same\" or \"${env:NAME}\" (never a "
                                   "literal key)"));
    }
    return true;
}

bool readExtra(JsonFieldReader& reader, ServerMetricsConfig* config, QString* error) {
    const QString key = QStringLiteral("extra");
    QJsonArray array;
    if (!reader.readArray(key, &array) || !reader.has(key))
        return reader.ok();
    if (array.size() > ServerMetricsConfig::kMaxExtraNames)
        return fail(
            error, reader.pathOf(key),
            QStringLiteral("holds more than %1 names").arg(ServerMetricsConfig::kMaxExtraNames));
    QStringList names;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = reader.pathOf(key) + u'[' + QString::number(i) + u']';
        QString name;
        if (!JsonFieldReader::toString(array.at(i), path, &name, error))
            return false;
        if (!ServerMetricsJson::isMetricName(name))
            return fail(error, path,
                        QStringLiteral("is not a Prometheus metric name: \"") +
                            JsonFieldReader::printable(name) + u'"');
        if (!names.contains(name))
            names.append(name);
    }
    config->extraNames = names;
    return true;
}
} // namespace

bool ServerMetricsJson::isDefault(const ServerMetricsConfig& config) {
    return config == ServerMetricsConfig{};
}

QJsonObject ServerMetricsJson::toJson(const ServerMetricsConfig& config) {
    return {
        {QStringLiteral("enabled"), config.enabled},
        {QStringLiteral("url"),
         config.url.isEmpty() ? QString() : UrlRedactor::redacted(config.url).toString()},
        {QStringLiteral("key"), keyText(config)},
        {QStringLiteral("verify_tls"), config.verifyTls},
        {QStringLiteral("interval_ms"), config.intervalMs},
        {QStringLiteral("extra"), QJsonArray::fromStringList(config.extraNames)},
    };
}

bool ServerMetricsJson::fromJson(const QJsonObject& object, const QString& path,
                                 ServerMetricsConfig* config, QString* error) {
    ServerMetricsConfig parsed;
    JsonFieldReader reader(object, path, error);
    reader.readBool(QStringLiteral("enabled"), &parsed.enabled);
    reader.readBool(QStringLiteral("verify_tls"), &parsed.verifyTls);
    reader.readInt(QStringLiteral("interval_ms"), &parsed.intervalMs,
                   ServerMetricsConfig::kMinIntervalMs, ServerMetricsConfig::kMaxIntervalMs);
    if (!readUrl(reader, &parsed, error) || !readKey(reader, &parsed, error) ||
        !readExtra(reader, &parsed, error) || !reader.finish())
        return false;
    *config = parsed;
    return true;
}

bool ServerMetricsJson::isMetricName(const QString& name) {
    if (name.isEmpty() || name.size() > ServerMetricsConfig::kMaxNameLength)
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const bool letter =
            (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_' || c == u':';
        const bool digit = c >= u'0' && c <= u'9';
        if (!letter && !(digit && i > 0))
            return false;
    }
    return true;
}

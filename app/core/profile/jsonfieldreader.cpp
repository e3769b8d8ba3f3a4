#include "profile/jsonfieldreader.h"

#include <QLocale>
#include <cmath>
#include <limits>

namespace {
QString number(double value) {
    // Integers print as integers ("1000000", not "1e+06") in messages about counts.
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// Paths carry keys straight from the file: keep them printable and short.
QString quoted(const QString& path) {
    return QLatin1Char('\'') + JsonFieldReader::printable(path, 120) + QLatin1Char('\'');
}

QString rangeText(double min, double max) {
    const double inf = std::numeric_limits<double>::infinity();
    if (max == inf)
        return QStringLiteral("at least ") + number(min);
    if (min == -inf)
        return QStringLiteral("at most ") + number(max);
    return QStringLiteral("between ") + number(min) + QStringLiteral(" and ") + number(max);
}

bool setError(QString* error, const QString& message) {
    if (error->isEmpty())
        *error = message;
    return false;
}

QString shown(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::String:
        return QLatin1Char('"') + JsonFieldReader::printable(value.toString(), 40) +
               QLatin1Char('"');
    case QJsonValue::Double:
        return number(value.toDouble());
    default:
        return JsonFieldReader::typeName(value);
    }
}
} // namespace

JsonFieldReader::JsonFieldReader(const QJsonObject& object, const QString& path, QString* error)
    : m_object(object)
    , m_path(path)
    , m_error(error) {}

bool JsonFieldReader::has(const QString& key) const {
    return m_object.contains(key);
}

QString JsonFieldReader::pathOf(const QString& key) const {
    return joinPath(m_path, key);
}

QString JsonFieldReader::joinPath(const QString& parent, const QString& key) {
    return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
}

QString JsonFieldReader::typeName(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString JsonFieldReader::printable(const QString& text, qsizetype maxLength) {
    QString out;
    for (const QChar c : text) {
        if (out.size() >= maxLength) {
            out += QStringLiteral("...");
            break;
        }
        const char16_t u = c.unicode();
        if (u == u'\n')
            out += QStringLiteral("\\n");
        else if (u < 0x20 || u == 0x7f || c.category() == QChar::Separator_Line ||
                 c.category() == QChar::Separator_Paragraph)
            out += QStringLiteral("\\u") + QString::number(u, 16).rightJustified(4, u'0');
        else
            out += c;
    }
    return out;
}

bool JsonFieldReader::fail(const QString& message) {
    return setError(m_error, message);
}

QJsonValue JsonFieldReader::take(const QString& key) {
    m_seen.insert(key);
    if (!ok())
        return QJsonValue(QJsonValue::Undefined);
    return m_object.value(key);
}

bool JsonFieldReader::readString(const QString& key, QString* out) {
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return ok();
    return toString(value, pathOf(key), out, m_error);
}

bool JsonFieldReader::readBool(const QString& key, bool* out) {
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return ok();
    if (!value.isBool())
        return fail(QStringLiteral("field ") + quoted(pathOf(key)) +
                    QStringLiteral(" must be true or false, got ") + typeName(value));
    *out = value.toBool();
    return true;
}

bool JsonFieldReader::readDouble(const QString& key, double* out, double min, double max) {
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return ok();
    return toDouble(value, pathOf(key), min, max, out, m_error);
}

bool JsonFieldReader::readInt(const QString& key, int* out, int min, int max) {
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return ok();
    return toInt(value, pathOf(key), min, max, out, m_error);
}

bool JsonFieldReader::readUInt64(const QString& key, quint64* out) {
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return ok();
    // JSON numbers are doubles for most readers; seeds above 2^53 are written as a
    // decimal string so they survive every tool on the way.
    if (value.isString()) {
        bool parsed = false;
        const quint64 v = value.toString().toULongLong(&parsed, 10);
        if (!parsed)
            return fail(QStringLiteral("field ") + quoted(pathOf(key)) +
                        QStringLiteral(" must be a non-negative integer, got ") + shown(value));
        *out = v;
        return true;
    }
    const double d = value.toDouble(-1.0);
    if (!value.isDouble() || d < 0 || d != std::floor(d) || d > 9007199254740992.0)
        return fail(QStringLiteral("field ") + quoted(pathOf(key)) +
                    QStringLiteral(" must be a non-negative integer, got ") + shown(value));
    *out = quint64(value.toInteger());
    return true;
}

bool JsonFieldReader::readEnum(const QString& key, const QStringList& allowed, QString* out) {
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return ok();
    if (!value.isString() || !allowed.contains(value.toString()))
        return fail(QStringLiteral("field ") + quoted(pathOf(key)) +
                    QStringLiteral(" must be one of ") + allowed.join(QStringLiteral(", ")) +
                    QStringLiteral("; got ") + shown(value));
    *out = value.toString();
    return true;
}

bool JsonFieldReader::readObject(const QString& key, QJsonObject* out) {
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return ok();
    return toObject(value, pathOf(key), out, m_error);
}

bool JsonFieldReader::readArray(const QString& key, QJsonArray* out) {
    const QJsonValue value = take(key);
    if (value.isUndefined())
        return ok();
    if (!value.isArray())
        return fail(QStringLiteral("field ") + quoted(pathOf(key)) +
                    QStringLiteral(" must be an array, got ") + typeName(value));
    *out = value.toArray();
    return true;
}

bool JsonFieldReader::finish() {
    if (!ok())
        return false;
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (!m_seen.contains(it.key()))
            return fail(QStringLiteral("unknown field ") + quoted(pathOf(it.key())));
    }
    return true;
}

bool JsonFieldReader::toDouble(const QJsonValue& value, const QString& path, double min, double max,
                               double* out, QString* error) {
    if (!value.isDouble())
        return setError(error, QStringLiteral("field ") + quoted(path) +
                                   QStringLiteral(" must be a number, got ") + typeName(value));
    const double d = value.toDouble();
    if (!std::isfinite(d) || d < min || d > max)
        return setError(error, QStringLiteral("field ") + quoted(path) +
                                   QStringLiteral(" must be ") + rangeText(min, max) +
                                   QStringLiteral(", got ") + number(d));
    *out = d;
    return true;
}

bool JsonFieldReader::toInt(const QJsonValue& value, const QString& path, int min, int max,
                            int* out, QString* error) {
    const double d = value.toDouble();
    if (!value.isDouble() || d != std::floor(d) || !std::isfinite(d))
        return setError(error, QStringLiteral("field ") + quoted(path) +
                                   QStringLiteral(" must be an integer, got ") + shown(value));
    if (d < min || d > max)
        return setError(error, QStringLiteral("field ") + quoted(path) +
                                   QStringLiteral(" must be ") + rangeText(min, max) +
                                   QStringLiteral(", got ") + number(d));
    *out = int(d);
    return true;
}

bool JsonFieldReader::toString(const QJsonValue& value, const QString& path, QString* out,
                               QString* error) {
    if (!value.isString())
        return setError(error, QStringLiteral("field ") + quoted(path) +
                                   QStringLiteral(" must be a string, got ") + typeName(value));
    *out = value.toString();
    return true;
}

bool JsonFieldReader::toObject(const QJsonValue& value, const QString& path, QJsonObject* out,
                               QString* error) {
    if (!value.isObject())
        return setError(error, QStringLiteral("field ") + quoted(path) +
                                   QStringLiteral(" must be an object, got ") + typeName(value));
    *out = value.toObject();
    return true;
}

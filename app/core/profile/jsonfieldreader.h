#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QString>
#include <QStringList>

// Strict, path-aware reading of one JSON object for the profile loader. Each getter
// leaves its output untouched when the field is absent (so defaults stay), records the
// first error with the field's full path ("plan.concurrencies[2]"), and finish() rejects
// any field nobody asked for: a typo must fail loudly, not silently fall back to a default.
class JsonFieldReader {
public:
    // path: where this object sits ("" for the root, "plan", "endpoints[0]").
    JsonFieldReader(const QJsonObject& object, const QString& path, QString* error);

    bool ok() const { return m_error->isEmpty(); }
    bool has(const QString& key) const;
    QString pathOf(const QString& key) const;

    bool readString(const QString& key, QString* out);
    bool readBool(const QString& key, bool* out);
    bool readDouble(const QString& key, double* out, double min, double max);
    bool readInt(const QString& key, int* out, int min, int max);
    bool readUInt64(const QString& key, quint64* out);
    bool readEnum(const QString& key, const QStringList& allowed, QString* out);
    bool readObject(const QString& key, QJsonObject* out);
    bool readArray(const QString& key, QJsonArray* out);
    // Marks a field as known without reading it (the caller handles it itself).
    void accept(const QString& key) { m_seen.insert(key); }
    // Fails on the first field that no getter or accept() touched.
    bool finish();

    // Value-level checks for array elements; path names the element.
    static bool toDouble(const QJsonValue& value, const QString& path, double min, double max,
                         double* out, QString* error);
    static bool toInt(const QJsonValue& value, const QString& path, int min, int max, int* out,
                      QString* error);
    static bool toString(const QJsonValue& value, const QString& path, QString* out,
                         QString* error);
    static bool toObject(const QJsonValue& value, const QString& path, QJsonObject* out,
                         QString* error);
    static QString typeName(const QJsonValue& value);
    // Text from the file made safe for a one-line message: control characters escaped
    // (a newline becomes \n, others \u0001 and so on), cut to maxLength characters + "...".
    static QString printable(const QString& text, qsizetype maxLength = 60);
    static QString joinPath(const QString& parent, const QString& key);

private:
    bool fail(const QString& message);
    // The field's value, marking it seen; Undefined when absent or after an earlier error.
    QJsonValue take(const QString& key);

    QJsonObject m_object;
    QString m_path;
    QString* m_error;
    QSet<QString> m_seen;
};

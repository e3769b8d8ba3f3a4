#include "servermetrics/prometheusline.h"

#include "servermetrics/messagetext.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace {
bool isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
bool isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
}
bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

QString quoted(QByteArrayView bytes) {
    return QLatin1Char('"') + MessageText::oneLine(bytes, 40) + QLatin1Char('"');
}

// Reads one line left to right; every read skips nothing unless it says so.
class Cursor {
public:
    explicit Cursor(QByteArrayView line)
        : m_line(line) {}

    bool atEnd() const { return m_pos >= m_line.size(); }
    char peek() const { return atEnd() ? '\0' : m_line[m_pos]; }
    QByteArrayView rest() const { return m_line.sliced(m_pos); }
    void skipBlanks() {
        while (!atEnd() && isBlank(m_line[m_pos]))
            ++m_pos;
    }
    bool take(char c) {
        if (atEnd() || m_line[m_pos] != c)
            return false;
        ++m_pos;
        return true;
    }
    // A metric name (colons allowed) or a label name (not).
    QByteArrayView name(bool allowColon) {
        const qsizetype start = m_pos;
        if (atEnd() || !isNameStart(peek()) || (!allowColon && peek() == ':'))
            return {};
        while (!atEnd() && isNameChar(peek()) && (allowColon || peek() != ':'))
            ++m_pos;
        return m_line.sliced(start, m_pos - start);
    }
    // Up to the next blank or the end.
    QByteArrayView token() {
        const qsizetype start = m_pos;
        while (!atEnd() && !isBlank(peek()))
            ++m_pos;
        return m_line.sliced(start, m_pos - start);
    }

private:
    QByteArrayView m_line;
    qsizetype m_pos = 0;
};

PrometheusLine bad(const QString& reason) {
    PrometheusLine line;
    line.kind = PrometheusLine::Kind::Bad;
    line.reason = reason;
    return line;
}

// A quoted label value after its opening quote; false with a reason when it is malformed.
bool readLabelValue(Cursor& cursor, QString* value, QString* reason) {
    QByteArray bytes;
    while (!cursor.atEnd()) {
        const char c = cursor.peek();
        cursor.take(c);
        if (c == '"') {
            *value = QString::fromUtf8(bytes);
            return true;
        }
        if (c != '\\') {
            bytes.append(c);
            continue;
        }
        const char escaped = cursor.peek();
        if (escaped == '\\' || escaped == '"')
            bytes.append(escaped);
        else if (escaped == 'n')
            bytes.append('\n');
        else {
            const char sequence[] = {'\\', escaped};
            *reason = QStringLiteral("invalid escape %1 in a label value")
                          .arg(quoted(QByteArrayView(sequence, 2)));
            return false;
        }
        cursor.take(escaped);
    }
    *reason = QStringLiteral("unterminated label value");
    return false;
}

bool readLabels(Cursor& cursor, int maxLabels, QMap<QString, QString>* labels, QString* reason) {
    for (;;) {
        cursor.skipBlanks();
        if (cursor.take('}'))
            return true;
        const QByteArrayView labelName = cursor.name(false);
        if (labelName.isEmpty()) {
            *reason = QStringLiteral("label name expected at %1").arg(quoted(cursor.rest()));
            return false;
        }
        cursor.skipBlanks();
        if (!cursor.take('=')) {
            *reason = QStringLiteral("'=' expected after label %1").arg(quoted(labelName));
            return false;
        }
        cursor.skipBlanks();
        if (!cursor.take('"')) {
            *reason = QStringLiteral("label %1: value not quoted").arg(quoted(labelName));
            return false;
        }
        QString value;
        if (!readLabelValue(cursor, &value, reason))
            return false;
        const QString key = QString::fromLatin1(labelName);
        if (labels->contains(key)) {
            *reason = QStringLiteral("label %1 repeated").arg(quoted(labelName));
            return false;
        }
        if (labels->size() >= maxLabels) {
            *reason = QStringLiteral("more than %1 labels").arg(maxLabels);
            return false;
        }
        labels->insert(key, value);
        cursor.skipBlanks();
        if (cursor.take(','))
            continue;
        if (cursor.take('}'))
            return true;
        *reason = QStringLiteral("',' or '}' expected at %1").arg(quoted(cursor.rest()));
        return false;
    }
}

PrometheusLine sampleLine(Cursor& cursor, int maxLabels) {
    PrometheusLine line;
    line.kind = PrometheusLine::Kind::Sample;
    line.name = cursor.name(true);
    if (line.name.isEmpty())
        return bad(QStringLiteral("metric name expected at %1").arg(quoted(cursor.rest())));
    cursor.skipBlanks();
    QString reason;
    if (cursor.take('{') && !readLabels(cursor, maxLabels, &line.sample.labels, &reason))
        return bad(reason);
    cursor.skipBlanks();
    const QByteArrayView value = cursor.token();
    if (value.isEmpty())
        return bad(QStringLiteral("value missing after %1").arg(quoted(line.name)));
    if (!PrometheusLine::parseValue(value, &line.sample.value))
        return bad(QStringLiteral("bad value %1").arg(quoted(value)));
    cursor.skipBlanks();
    if (!cursor.atEnd()) {
        const QByteArrayView timestamp = cursor.token();
        if (!PrometheusLine::parseTimestamp(timestamp, &line.sample.timestampMs))
            return bad(QStringLiteral("bad timestamp %1").arg(quoted(timestamp)));
        line.sample.hasTimestamp = true;
        cursor.skipBlanks();
        if (!cursor.atEnd())
            return bad(
                QStringLiteral("unexpected %1 after the timestamp").arg(quoted(cursor.rest())));
    }
    return line;
}

// HELP text: \\ and \n are escapes; any other backslash is kept as written.
QString unescapeHelp(QByteArrayView text) {
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        if (c == '\\' && (next == '\\' || next == 'n')) {
            out.append(next == 'n' ? '\n' : '\\');
            ++i;
        } else {
            out.append(c);
        }
    }
    return QString::fromUtf8(out);
}

PrometheusLine commentLine(Cursor& cursor) {
    PrometheusLine line;
    line.kind = PrometheusLine::Kind::Comment;
    cursor.skipBlanks();
    const QByteArrayView keyword = cursor.token();
    const bool isHelp = keyword == QByteArrayView("HELP");
    if (!isHelp && keyword != QByteArrayView("TYPE"))
        return line;
    cursor.skipBlanks();
    line.name = cursor.name(true);
    if (line.name.isEmpty() || (!cursor.atEnd() && !isBlank(cursor.peek())))
        return bad(QStringLiteral("%1 without a valid metric name").arg(quoted(keyword)));
    cursor.skipBlanks();
    if (isHelp) {
        line.kind = PrometheusLine::Kind::Help;
        line.help = unescapeHelp(cursor.rest());
        return line;
    }
    const QByteArrayView type = cursor.token();
    cursor.skipBlanks();
    if (!MetricFamily::typeFromName(type, &line.type) || !cursor.atEnd())
        return bad(QStringLiteral("unknown type %1 for %2").arg(quoted(type), quoted(line.name)));
    line.kind = PrometheusLine::Kind::Type;
    return line;
}

bool equalsIgnoringCase(QByteArrayView text, const char* lower) {
    return QByteArrayView(lower).compare(text, Qt::CaseInsensitive) == 0;
}
} // namespace

PrometheusLine PrometheusLine::parse(QByteArrayView text, int maxLabels) {
    Cursor cursor(text);
    cursor.skipBlanks();
    if (cursor.atEnd())
        return {};
    if (cursor.take('#'))
        return commentLine(cursor);
    return sampleLine(cursor, maxLabels);
}

bool PrometheusLine::parseValue(QByteArrayView token, double* value) {
    if (token.isEmpty())
        return false;
    const bool negative = token.front() == '-';
    const QByteArrayView body = (negative || token.front() == '+') ? token.sliced(1) : token;
    if (body.isEmpty() || body.front() == '+' || body.front() == '-')
        return false;
    if (equalsIgnoringCase(body, "inf") || equalsIgnoringCase(body, "infinity")) {
        *value = negative ? -std::numeric_limits<double>::infinity()
                          : std::numeric_limits<double>::infinity();
        return true;
    }
    if (equalsIgnoringCase(body, "nan")) {
        *value = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    // from_chars would also take "nan(...)" and "inf" spelt otherwise: only digits reach it.
    const char first = body.front();
    if (!(first == '.' || (first >= '0' && first <= '9')))
        return false;
    double parsed = 0.0;
    const auto result = std::from_chars(body.data(), body.data() + body.size(), parsed);
    if (result.ec != std::errc() || result.ptr != body.data() + body.size())
        return false;
    *value = negative ? -parsed : parsed;
    return true;
}

bool PrometheusLine::parseTimestamp(QByteArrayView token, qint64* milliseconds) {
    const QByteArrayView body = token.startsWith('+') ? token.sliced(1) : token;
    if (body.isEmpty() || body.front() == '+')
        return false;
    qint64 parsed = 0;
    const auto result = std::from_chars(body.data(), body.data() + body.size(), parsed);
    if (result.ec != std::errc() || result.ptr != body.data() + body.size())
        return false;
    *milliseconds = parsed;
    return true;
}

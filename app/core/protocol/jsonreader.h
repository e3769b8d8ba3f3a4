#pragma once

#include <QByteArrayView>
#include <QString>

#include <climits>

// A strict, allocation-free walk over JSON text for the stream decoders' fast paths
// (ChunkScanner, JsonFields): it validates as it goes and builds nothing unless asked for a
// string's text. It accepts only a subset of what QJsonDocument accepts (no exponents, no
// surrogate or NUL escapes, no noncharacters, bounded depth and number length), so that
// whatever it reads, QJsonDocument would read the same way; anything else makes the walk
// fail and the caller decodes with QJsonDocument instead.
class JsonReader {
public:
    static constexpr int kMaxDepth = 64;
    static constexpr qsizetype kMaxNumberLength = 300; // QByteArray::toDouble overflows beyond

    JsonReader(const char* begin, const char* end)
        : m_p(begin)
        , m_end(end) {}
    explicit JsonReader(QByteArrayView json)
        : JsonReader(json.data(), json.data() + json.size()) {}

    // The next non-space character without taking it; '\0' at the end.
    char next() {
        while (m_p < m_end && isSpace(*m_p))
            ++m_p;
        return m_p < m_end ? *m_p : '\0';
    }
    bool take(char c) {
        if (next() != c)
            return false;
        ++m_p;
        return true;
    }
    bool atEnd() { return next() == '\0' && m_p == m_end; }

    // A string as string(out) reads it, noting whether it is non-empty: any character,
    // escaped or not, decodes to at least one. out may be null (validated only).
    bool text(QString* out, bool* nonEmpty);
    // A string starting at the next '"'. out (may be null) receives the decoded text.
    // `raw` (may be null) receives the bytes between the quotes; a string with an escape
    // then fails (keys and type names with escapes: let the full parser decide).
    bool string(QString* out, QByteArrayView* raw = nullptr);
    // A string, validated but not decoded: *quoted spans it with its quotes (decode() turns
    // it into text later), *escaped says whether it holds an escape.
    bool quoted(QByteArrayView* quoted, bool* escaped);
    // The text of a string that quoted() spanned (empty for an empty view).
    static QString decode(QByteArrayView quoted);

    // Strict JSON number; exponents and huge numbers are left to the full parser. *value
    // is the integer when *plainInt and it has at most 18 digits, else -1.
    bool number(bool* plainInt, qint64* value);
    // A token count as FlavorSupport reads one: a whole number in int range, else -1 (any
    // other value, or a negative or huge number). A fraction (8.0) fails: rare, and the
    // full parser converts it.
    bool tokenCount(int* count, int depth);
    bool literal(const char* word);
    bool skipValue(int depth);

    // {"key": value, ...}: member(key) reads the value.
    template <typename Member> bool object(int depth, Member member) {
        if (depth > kMaxDepth || !take('{'))
            return false;
        if (take('}'))
            return true;
        do {
            QByteArrayView key;
            if (!string(nullptr, &key) || !take(':') || !member(key))
                return false;
        } while (take(','));
        return take('}');
    }

    template <typename Element> bool array(Element element) {
        if (!take('['))
            return false;
        if (take(']'))
            return true;
        do {
            if (!element())
                return false;
        } while (take(','));
        return take(']');
    }

private:
    static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
    static bool isDigit(char c) { return c >= '0' && c <= '9'; }
    // Length of the valid UTF-8 sequence at p (non-ASCII lead byte), 0 if invalid.
    static int utf8Length(const char* p, const char* end);
    bool scanString(QString* out, bool* escaped);
    bool escape(QString* out);

    const char* m_p;
    const char* m_end;
};

// The hot parts of the walk are inline: ChunkScanner and JsonFields are other files, and
// out-of-line calls per value made a chat chunk's decoding ~15% slower (bench_decode, release).
inline bool JsonReader::text(QString* out, bool* nonEmpty) {
    next();
    const char* open = m_p;
    if (!string(out))
        return false;
    *nonEmpty = m_p - open > 2; // more than its two quotes
    return true;
}

inline bool JsonReader::string(QString* out, QByteArrayView* raw) {
    next();
    const char* open = m_p;
    bool escaped = false;
    if (!scanString(out, &escaped))
        return false;
    if (raw)
        *raw = escaped ? QByteArrayView() : QByteArrayView(open + 1, m_p - open - 2);
    return !(raw && escaped);
}

inline bool JsonReader::quoted(QByteArrayView* quoted, bool* escaped) {
    next();
    const char* open = m_p;
    *escaped = false;
    if (!scanString(nullptr, escaped))
        return false;
    *quoted = QByteArrayView(open, m_p - open);
    return true;
}

inline bool JsonReader::scanString(QString* out, bool* escaped) {
    if (!take('"'))
        return false;
    const char* segment = m_p;
    while (m_p < m_end) {
        const char c = *m_p;
        if (c == '"') {
            if (out)
                out->append(QString::fromUtf8(segment, m_p - segment));
            ++m_p;
            return true;
        }
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20)
            return false;
        if (u >= 0x80) {
            const int length = utf8Length(m_p, m_end);
            if (length == 0)
                return false;
            m_p += length;
            continue;
        }
        if (c == '\\') {
            *escaped = true;
            if (out)
                out->append(QString::fromUtf8(segment, m_p - segment));
            if (!escape(out))
                return false;
            segment = m_p;
            continue;
        }
        ++m_p;
    }
    return false;
}

inline bool JsonReader::number(bool* plainInt, qint64* value) {
    next();
    const char* start = m_p;
    if (m_p < m_end && *m_p == '-')
        ++m_p;
    const char* digits = m_p;
    if (m_p < m_end && *m_p == '0') {
        ++m_p;
    } else {
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    if (m_p == digits)
        return false;
    const qsizetype intDigits = m_p - digits;
    *plainInt = true;
    if (m_p < m_end && *m_p == '.') {
        *plainInt = false;
        ++m_p;
        const char* fraction = m_p;
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
        if (m_p == fraction)
            return false;
    }
    if (m_p < m_end && (*m_p == 'e' || *m_p == 'E'))
        return false;
    if (m_p - start > kMaxNumberLength)
        return false;
    *value = -1;
    if (*plainInt && intDigits <= 18) {
        qint64 v = 0;
        for (const char* d = digits; d < digits + intDigits; ++d)
            v = v * 10 + (*d - '0');
        *value = *start == '-' ? -v : v;
    }
    return true;
}

inline bool JsonReader::tokenCount(int* count, int depth) {
    *count = -1;
    const char c = next();
    if (c != '-' && !isDigit(c))
        return skipValue(depth); // not a number: absent
    bool plainInt = false;
    qint64 value = -1;
    if (!number(&plainInt, &value) || !plainInt)
        return false;
    if (value >= 0 && value <= INT_MAX)
        *count = int(value);
    return true;
}

inline bool JsonReader::literal(const char* word) {
    next();
    for (const char* w = word; *w; ++w, ++m_p) {
        if (m_p == m_end || *m_p != *w)
            return false;
    }
    return true;
}

inline bool JsonReader::skipValue(int depth) {
    if (depth > kMaxDepth)
        return false;
    switch (next()) {
    case '{':
        return object(depth, [this, depth](QByteArrayView) { return skipValue(depth + 1); });
    case '[':
        return array([this, depth] { return skipValue(depth + 1); });
    case '"':
        return string(nullptr);
    case 't':
        return literal("true");
    case 'f':
        return literal("false");
    case 'n':
        return literal("null");
    default: {
        bool plainInt = false;
        qint64 value = 0;
        return number(&plainInt, &value);
    }
    }
}

#pragma once

#include <QByteArrayView>
#include <QString>

// A strict, allocation-free walk over JSON text for the stream decoders' fast paths
// (ChunkScanner, JsonFields): it validates as it goes and builds nothing unless asked for a
// string's text. It accepts only a subset of what QJsonDocument accepts (no exponents, no
// surrogate or NUL escapes, no noncharacters, bounded depth and number length), so that
// whatever it reads, QJsonDocument would read the same way; anything else makes the walk
// fail and the caller decodes with QJsonDocument instead.
class JsonReader {
public:
    static constexpr int kMaxDepth = 64;

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
    bool scanString(QString* out, bool* escaped);
    bool escape(QString* out);

    const char* m_p;
    const char* m_end;
};

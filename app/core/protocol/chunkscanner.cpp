#include "protocol/chunkscanner.h"

#include <QString>

#include <climits>
#include <utility>

namespace {
constexpr int kMaxDepth = 64;
constexpr qsizetype kMaxNumberLength = 300; // QByteArray::toDouble overflows far beyond

bool isJsonSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Length of the valid UTF-8 sequence at p (non-ASCII lead byte), 0 if invalid. Strict:
// no overlongs, no surrogates, nothing above U+10FFFF, no noncharacters (unsure how
// every Qt version treats those: leave them to the full parser).
int utf8Length(const unsigned char* p, const unsigned char* end) {
    const unsigned char b = p[0];
    const auto cont = [&](int i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
        return p + i < end && p[i] >= lo && p[i] <= hi;
    };
    if (b >= 0xC2 && b <= 0xDF)
        return cont(1) ? 2 : 0;
    if (b >= 0xE0 && b <= 0xEF) {
        const unsigned char lo = b == 0xE0 ? 0xA0 : 0x80;
        const unsigned char hi = b == 0xED ? 0x9F : 0xBF;
        if (!cont(1, lo, hi) || !cont(2))
            return 0;
        const uint cp = (uint(b & 0x0F) << 12) | (uint(p[1] & 0x3F) << 6) | uint(p[2] & 0x3F);
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || cp >= 0xFFFE)
            return 0;
        return 3;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        const unsigned char lo = b == 0xF0 ? 0x90 : 0x80;
        const unsigned char hi = b == 0xF4 ? 0x8F : 0xBF;
        if (!cont(1, lo, hi) || !cont(2) || !cont(3))
            return 0;
        if ((p[2] & 0x3F) == 0x3F && (p[3] & 0x3E) == 0x3E && (p[1] & 0x0F) == 0x0F)
            return 0; // U+xFFFE / U+xFFFF
        return 4;
    }
    return 0;
}

class Reader {
public:
    Reader(const char* begin, const char* end)
        : m_p(begin)
        , m_end(end) {}

    char next() {
        while (m_p < m_end && isJsonSpace(*m_p))
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
    bool text(QString* out, bool* nonEmpty) {
        next();
        const char* open = m_p;
        if (!string(out))
            return false;
        *nonEmpty = m_p - open > 2; // more than its two quotes
        return true;
    }

    // A string starting at the next '"'. out (may be null) receives the decoded text.
    // `raw` (may be null) receives the bytes between the quotes when there is no escape.
    bool string(QString* out, QByteArrayView* raw = nullptr) {
        if (!take('"'))
            return false;
        const char* segment = m_p;
        bool escaped = false;
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == '"') {
                if (out)
                    out->append(QString::fromUtf8(segment, m_p - segment));
                if (raw)
                    *raw = escaped ? QByteArrayView() : QByteArrayView(segment, m_p - segment);
                ++m_p;
                return !(raw && escaped); // keys with escapes: let the full parser decide
            }
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20)
                return false;
            if (u >= 0x80) {
                const int length = utf8Length(reinterpret_cast<const unsigned char*>(m_p),
                                              reinterpret_cast<const unsigned char*>(m_end));
                if (length == 0)
                    return false;
                m_p += length;
                continue;
            }
            if (c == '\\') {
                escaped = true;
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

    // Strict JSON number; exponents and huge numbers are left to the full parser.
    bool number(bool* plainInt, qint64* value) {
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

    bool literal(const char* word) {
        next();
        for (const char* w = word; *w; ++w, ++m_p) {
            if (m_p == m_end || *m_p != *w)
                return false;
        }
        return true;
    }

    bool skipValue(int depth) {
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
    bool escape(QString* out) {
        ++m_p; // the backslash
        if (m_p == m_end)
            return false;
        const char c = *m_p++;
        char16_t decoded = 0;
        switch (c) {
        case '"':
        case '\\':
        case '/':
            decoded = char16_t(c);
            break;
        case 'b':
            decoded = u'\b';
            break;
        case 'f':
            decoded = u'\f';
            break;
        case 'n':
            decoded = u'\n';
            break;
        case 'r':
            decoded = u'\r';
            break;
        case 't':
            decoded = u'\t';
            break;
        case 'u': {
            if (m_end - m_p < 4)
                return false;
            uint unit = 0;
            for (int i = 0; i < 4; ++i) {
                const int h = hexValue(m_p[i]);
                if (h < 0)
                    return false;
                unit = unit * 16 + uint(h);
            }
            m_p += 4;
            // NUL and surrogates (pairs or not) go to the full parser.
            if (unit == 0 || (unit >= 0xD800 && unit <= 0xDFFF))
                return false;
            decoded = char16_t(unit);
            break;
        }
        default:
            return false;
        }
        if (out)
            out->append(QChar(decoded));
        return true;
    }

    const char* m_p;
    const char* m_end;
};

// Token counts as FlavorSupport reads them: a whole number in int range, else -1.
bool tokenCount(Reader& r, int* count) {
    *count = -1;
    const char c = r.next();
    if (c != '-' && !isDigit(c))
        return r.skipValue(3); // not a number: absent
    bool plainInt = false;
    qint64 value = -1;
    if (!r.number(&plainInt, &value) || !plainInt)
        return false; // 8.0 or 1e3: rare, let the full parser convert it
    if (value >= 0 && value <= INT_MAX)
        *count = int(value);
    return true;
}
} // namespace

ChunkScanner::Result ChunkScanner::scan(QByteArrayView payload, StreamEvent* event, Text want) {
    const bool decodeText = want == Text::Decode;
    const QByteArrayView json = payload.trimmed(); // as the full decoder trims
    Reader r(json.data(), json.data() + json.size());
    StreamEvent out;
    bool sawRole = false;
    bool seenChoices = false, seenUsage = false, seenError = false, seenObject = false;

    const auto onceOnly = [](bool* seen) { return !std::exchange(*seen, true); };

    // content: the decoded text (only when decodeText); hasContent: it is non-empty.
    const auto readDelta = [&](QString* content, bool* hasContent, bool* reasoning) {
        bool seenContent = false, seenReasoning = false, seenReasoning2 = false;
        return r.object(2, [&](QByteArrayView key) {
            if (key == "content") {
                if (!onceOnly(&seenContent))
                    return false;
                return r.next() == '"' ? r.text(decodeText ? content : nullptr, hasContent)
                                       : r.skipValue(3);
            }
            if (key == "reasoning_content" || key == "reasoning") {
                if (!onceOnly(key == "reasoning" ? &seenReasoning2 : &seenReasoning))
                    return false;
                if (r.next() != '"')
                    return r.skipValue(3);
                bool nonEmpty = false; // only whether there is any: not part of the text
                if (!r.text(nullptr, &nonEmpty))
                    return false;
                *reasoning = *reasoning || nonEmpty;
                return true;
            }
            if (key == "role")
                sawRole = true;
            return r.skipValue(3);
        });
    };

    const auto readChoice = [&]() {
        if (r.next() != '{')
            return r.skipValue(2); // not an object: counts as a choice, carries nothing
        QString content, text, finish;
        bool hasContent = false, hasText = false, reasoning = false;
        bool seenDelta = false, seenText = false, seenFinish = false;
        const bool ok = r.object(1, [&](QByteArrayView key) {
            if (key == "delta") {
                if (!onceOnly(&seenDelta))
                    return false;
                return r.next() == '{' ? readDelta(&content, &hasContent, &reasoning)
                                       : r.skipValue(2);
            }
            if (key == "text") {
                if (!onceOnly(&seenText))
                    return false;
                return r.next() == '"' ? r.text(decodeText ? &text : nullptr, &hasText)
                                       : r.skipValue(2);
            }
            if (key == "finish_reason") {
                if (!onceOnly(&seenFinish))
                    return false;
                return r.next() == '"' ? r.string(&finish) : r.skipValue(2);
            }
            return r.skipValue(2);
        });
        if (hasContent || hasText || reasoning) {
            out.hasContent = true;
            out.text += content;
            out.text += text;
        }
        if (!finish.isEmpty() && out.finishReason.isEmpty())
            out.finishReason = finish;
        return ok;
    };

    const bool ok = r.object(0, [&](QByteArrayView key) {
        if (key == "choices") {
            if (!onceOnly(&seenChoices))
                return false;
            if (r.next() == 'n')
                return r.literal("null");
            return r.array([&] {
                out.hasChoices = true;
                return readChoice();
            });
        }
        if (key == "usage") {
            if (!onceOnly(&seenUsage))
                return false;
            if (r.next() != '{')
                return r.skipValue(1);
            bool seenPrompt = false, seenCompletion = false;
            return r.object(1, [&](QByteArrayView name) {
                if (name == "prompt_tokens")
                    return onceOnly(&seenPrompt) && tokenCount(r, &out.promptTokens);
                if (name == "completion_tokens")
                    return onceOnly(&seenCompletion) && tokenCount(r, &out.completionTokens);
                return r.skipValue(2);
            });
        }
        if (key == "error") { // only "no error" values are decoded here
            if (!onceOnly(&seenError))
                return false;
            return r.next() == 'n' ? r.literal("null") : r.literal("false");
        }
        if (key == "object") {
            if (!onceOnly(&seenObject))
                return false;
            if (r.next() != '"')
                return r.skipValue(1);
            // Looked at where it is (no QString per event); a value with escapes is left
            // to the full parser.
            QByteArrayView type;
            return r.string(nullptr, &type) && type != "error";
        }
        return r.skipValue(1);
    });
    if (!ok || !r.atEnd())
        return Result::NeedsFullParse;

    out.roleOnly = sawRole && !out.hasContent && out.finishReason.isEmpty();
    out.arrivalNs = event->arrivalNs;
    out.raw = event->raw;
    *event = std::move(out);
    return Result::Decoded;
}

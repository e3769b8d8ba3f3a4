#include "protocol/jsonreader.h"

#include <climits>

namespace {
constexpr qsizetype kMaxNumberLength = 300; // QByteArray::toDouble overflows far beyond

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
} // namespace

bool JsonReader::text(QString* out, bool* nonEmpty) {
    next();
    const char* open = m_p;
    if (!string(out))
        return false;
    *nonEmpty = m_p - open > 2; // more than its two quotes
    return true;
}

bool JsonReader::string(QString* out, QByteArrayView* raw) {
    next();
    const char* open = m_p;
    bool escaped = false;
    if (!scanString(out, &escaped))
        return false;
    if (raw)
        *raw = escaped ? QByteArrayView() : QByteArrayView(open + 1, m_p - open - 2);
    return !(raw && escaped);
}

bool JsonReader::quoted(QByteArrayView* quoted, bool* escaped) {
    next();
    const char* open = m_p;
    *escaped = false;
    if (!scanString(nullptr, escaped))
        return false;
    *quoted = QByteArrayView(open, m_p - open);
    return true;
}

QString JsonReader::decode(QByteArrayView quoted) {
    QString text;
    if (quoted.size() > 2) {
        JsonReader reader(quoted);
        reader.string(&text); // validated when it was spanned
    }
    return text;
}

bool JsonReader::scanString(QString* out, bool* escaped) {
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
            const int length = utf8Length(reinterpret_cast<const unsigned char*>(m_p),
                                          reinterpret_cast<const unsigned char*>(m_end));
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

bool JsonReader::number(bool* plainInt, qint64* value) {
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

bool JsonReader::tokenCount(int* count, int depth) {
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

bool JsonReader::literal(const char* word) {
    next();
    for (const char* w = word; *w; ++w, ++m_p) {
        if (m_p == m_end || *m_p != *w)
            return false;
    }
    return true;
}

bool JsonReader::skipValue(int depth) {
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

bool JsonReader::escape(QString* out) {
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

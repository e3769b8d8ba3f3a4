#include "protocol/jsonreader.h"

namespace {
int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Strict: no overlongs, no surrogates, nothing above U+10FFFF, no noncharacters (unsure how
// every Qt version treats those: leave them to the full parser).
int utf8SequenceLength(const unsigned char* p, const unsigned char* end) {
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

int JsonReader::utf8Length(const char* p, const char* end) {
    return utf8SequenceLength(reinterpret_cast<const unsigned char*>(p),
                              reinterpret_cast<const unsigned char*>(end));
}

QString JsonReader::decode(QByteArrayView quoted) {
    QString text;
    if (quoted.size() > 2) {
        JsonReader reader(quoted);
        reader.string(&text); // validated when it was spanned
    }
    return text;
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

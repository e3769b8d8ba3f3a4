#include "servermetrics/messagetext.h"

QString MessageText::oneLine(QByteArrayView bytes, int maxChars) {
    static constexpr char kHex[] = "0123456789abcdef";
    QString out;
    out.reserve(qMin<qsizetype>(bytes.size(), maxChars) + 8);
    for (const char c : bytes) {
        if (out.size() >= maxChars) {
            out.append(QLatin1String("..."));
            break;
        }
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7f) {
            out.append(QLatin1Char(c));
            continue;
        }
        out.append(QLatin1String("\\x"));
        out.append(QLatin1Char(kHex[byte >> 4]));
        out.append(QLatin1Char(kHex[byte & 0xf]));
    }
    return out;
}

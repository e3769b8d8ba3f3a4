#include "common/terminalsafe.h"

namespace {
bool isUnsafe(char16_t c) {
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
}

QString hex(unsigned value, int digits) {
    return QString::number(value, 16).rightJustified(digits, QLatin1Char('0'));
}

void appendEscaped(QString& out, char16_t c) {
    switch (c) {
    case u'\n':
        out += QLatin1String("\\n");
        return;
    case u'\r':
        out += QLatin1String("\\r");
        return;
    case u'\t':
        out += QLatin1String("\\t");
        return;
    default:
        break;
    }
    if (c < 0x80)
        out += QLatin1String("\\x") + hex(c, 2);
    else
        out += QLatin1String("\\u") + hex(c, 4);
}

QString escapeExcept(const QString& text, bool keepLines) {
    const auto keep = [keepLines](char16_t c) {
        return !isUnsafe(c) || (keepLines && (c == u'\n' || c == u'\t'));
    };
    qsizetype first = 0;
    while (first < text.size() && keep(text.at(first).unicode()))
        ++first;
    if (first == text.size())
        return text; // the common case: nothing to do, no copy
    QString out = text.left(first);
    out.reserve(text.size() + 16);
    for (qsizetype i = first; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (keep(c))
            out += QChar(c);
        else
            appendEscaped(out, c);
    }
    return out;
}
} // namespace

QString TerminalSafe::escape(const QString& text) {
    return escapeExcept(text, false);
}

QString TerminalSafe::escapeKeepingLines(const QString& text) {
    return escapeExcept(text, true);
}

bool TerminalSafe::needsEscaping(const QString& text) {
    for (QChar c : text) {
        if (isUnsafe(c.unicode()))
            return true;
    }
    return false;
}

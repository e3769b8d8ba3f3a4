#include "common/headertext.h"

namespace {
bool isForbidden(char16_t c) {
    return (c < 0x20 && c != u'\t') || c == 0x7f;
}
} // namespace

bool HeaderText::isValidName(QStringView name) {
    static const QString extra = QStringLiteral("!#$%&'*+-.^_`|~");
    if (name.isEmpty())
        return false;
    for (QChar c : name) {
        if (c.unicode() > 127 || !(c.isLetterOrNumber() || extra.contains(c)))
            return false;
    }
    return true;
}

bool HeaderText::isValidValue(QStringView value) {
    for (QChar c : value) {
        if (isForbidden(c.unicode()))
            return false;
    }
    return true;
}

bool HeaderText::isValidValue(QByteArrayView value) {
    for (char c : value) {
        if (isForbidden(char16_t(uchar(c))))
            return false;
    }
    return true;
}

QString HeaderText::valueProblem(QStringView value) {
    if (value.contains(QLatin1Char('\n')))
        return QStringLiteral("a line break (LF)");
    if (value.contains(QLatin1Char('\r')))
        return QStringLiteral("a carriage return (CR)");
    if (value.contains(QChar(0)))
        return QStringLiteral("a NUL character");
    return isValidValue(value) ? QString() : QStringLiteral("a control character");
}

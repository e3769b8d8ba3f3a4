#pragma once

#include <QByteArrayView>
#include <QString>

// Bytes from a scrape made safe for a one-line message (a warning, a bad line's reason): printable
// ASCII is kept, every other byte (controls, escape sequences, line breaks, non-ASCII) becomes a
// visible \xNN, and long text is cut with "...". This library links no other plateau library, so
// it carries this small byte-level form of common/TerminalSafe.
namespace MessageText {
QString oneLine(QByteArrayView bytes, int maxChars = 80);
} // namespace MessageText

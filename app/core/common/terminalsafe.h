#pragma once

#include <QString>

// Makes text that came from the network (a server's error body, an event, a header) safe to
// show on a terminal or in a text view: every character a terminal or a layout engine would
// act on instead of display becomes a visible escape, so nothing is lost and nothing is
// executed. Escaped: C0 controls and DEL ("\x1b", "\x07"; "\r", "\n", "\t" by name), C1
// controls U+0080-U+009F, the bidi embeddings/overrides/isolates U+202A-U+202E and
// U+2066-U+2069, and the line/paragraph separators U+2028/U+2029 ("\u202e").
// The result contains none of them, so escaping twice changes nothing.
namespace TerminalSafe {
// One line: line breaks and tabs are escaped too.
QString escape(const QString& text);
// Several lines: "\n" and "\t" are kept, everything else as escape().
QString escapeKeepingLines(const QString& text);
// Whether escape() would change the text.
bool needsEscaping(const QString& text);
} // namespace TerminalSafe

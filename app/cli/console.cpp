#include "cli/console.h"

#include "common/terminalsafe.h"

#include <cstdio>
#include <unistd.h>

namespace {
void write(std::FILE* stream, const QString& text) {
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}
} // namespace

namespace Console {
void out(const QString& text) {
    write(stdout, text);
}
void err(const QString& text) {
    write(stderr, text);
}
void error(const QString& message) {
    // One line, always: multi-line library messages are folded so scripts can grep them.
    // Whatever a server put in it (escape sequences, bidi overrides) is shown, not obeyed.
    const QString line = TerminalSafe::escape(message.simplified());
    write(stderr, QStringLiteral("plateau-cli: ") + line + QLatin1Char('\n'));
}
bool stderrIsTerminal() {
    return ::isatty(STDERR_FILENO) == 1;
}
} // namespace Console

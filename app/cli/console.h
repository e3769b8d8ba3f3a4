#pragma once

#include <QString>

// Plain UTF-8 output on the standard streams, flushed at once: progress and results are
// read by people and by pipes (tests parse the simulator's address line as soon as it
// appears), so nothing may sit in a buffer.
namespace Console {
void out(const QString& text); // stdout
void err(const QString& text); // stderr
// "plateau-cli: <message>" on stderr, newline-terminated: the one-line error format.
void error(const QString& message);
bool stderrIsTerminal();
} // namespace Console

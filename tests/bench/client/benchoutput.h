#pragma once

#include <QString>
#include <cstdio>

// One line of the benchmark's report on stdout, flushed at once (a run takes minutes).
inline void benchPrint(const QString& text) {
    std::fputs(text.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

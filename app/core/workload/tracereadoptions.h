#pragma once

#include <QString>

// Caps for reading a trace: time and memory stay bounded whatever the file holds.
struct TraceReadOptions {
    static constexpr qint64 kMaxMaxEntries = 10'000'000;

    qint64 maxFileBytes = qint64(8) << 30; // 1 KiB .. 1 TiB
    qint64 maxLineBytes = qint64(1) << 20; // 1 KiB .. 64 MiB; a longer line is skipped
    qint64 maxEntries = 1'000'000;         // 1 .. kMaxMaxEntries; the rest is ignored

    QString validate() const;
};

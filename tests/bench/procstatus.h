#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>

// This process's memory as Linux reports it, for the benchmarks (bench_memory, bench_ui --open).
namespace ProcStatus {
// A field of /proc/self/status in kB ("VmRSS", "VmHWM"), -1 if absent.
inline qint64 kb(const QByteArray& field) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines)
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong();
    return -1;
}

// Writing 5 to clear_refs resets VmHWM to the current RSS (the peak of what follows).
inline void resetPeak() {
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    if (refs.open(QIODevice::WriteOnly))
        refs.write("5");
}
} // namespace ProcStatus

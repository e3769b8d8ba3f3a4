#include "common/processcpu.h"

#include <QDir>
#include <QFile>
#include <QList>
#include <ctime>
#include <unistd.h>

namespace {
// utime + stime of one task from /proc/self/task/<tid>/stat, in seconds.
double taskCpuSeconds(const QString& taskDir) {
    QFile file(taskDir + QStringLiteral("/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return 0.0;
    const QByteArray stat = file.readAll();
    // The command name (field 2) may contain spaces; fields resume after the last ')'.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return 0.0;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // After ')': state is field 3, so utime (14) and stime (15) are at 11 and 12.
    if (fields.size() < 13)
        return 0.0;
    const double ticks = double(fields.at(11).toLongLong() + fields.at(12).toLongLong());
    const long perSecond = sysconf(_SC_CLK_TCK);
    return perSecond > 0 ? ticks / double(perSecond) : 0.0;
}

double simulatorThreadsSeconds() {
    const QDir tasks(QStringLiteral("/proc/self/task"));
    if (!tasks.exists())
        return 0.0;
    double total = 0.0;
    const QStringList ids = tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& id : ids) {
        const QString dir = tasks.filePath(id);
        QFile comm(dir + QStringLiteral("/comm"));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "plateau-sim")
            total += taskCpuSeconds(dir);
    }
    return total;
}
} // namespace

double ProcessCpu::seconds() {
    timespec ts{};
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
        return 0.0;
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

double ProcessCpu::clientSeconds() {
    return seconds() - simulatorThreadsSeconds();
}

#include "workload/progressreporter.h"

#include <algorithm>
#include <utility>

ProgressReporter::ProgressReporter(LoadProgress callback, qint64 total, qint64 step)
    : m_callback(std::move(callback))
    , m_total(total)
    , m_step(std::max<qint64>(1, step)) {}

bool ProgressReporter::update(qint64 bytesRead) {
    if (m_cancelled)
        return false;
    if (bytesRead - m_lastReported < m_step)
        return true;
    return report(bytesRead);
}

bool ProgressReporter::finish(qint64 bytesRead) {
    return !m_cancelled && report(bytesRead);
}

bool ProgressReporter::report(qint64 bytesRead) {
    m_lastReported = bytesRead;
    if (m_callback && !m_callback(bytesRead, m_total))
        m_cancelled = true;
    return !m_cancelled;
}

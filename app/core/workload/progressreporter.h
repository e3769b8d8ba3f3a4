#pragma once

#include "workload/loadprogress.h"

// Calls a LoadProgress now and then (every `step` bytes, and at the end) rather than for
// every entry, and remembers a cancel.
class ProgressReporter {
public:
    static constexpr qint64 kDefaultStep = 1 << 20;

    ProgressReporter(LoadProgress callback, qint64 total, qint64 step = kDefaultStep);

    // False once the callback asked to cancel.
    bool update(qint64 bytesRead);
    // Reports the final position whatever the step; false if cancelled.
    bool finish(qint64 bytesRead);
    bool cancelled() const { return m_cancelled; }

private:
    bool report(qint64 bytesRead);

    LoadProgress m_callback;
    qint64 m_total;
    qint64 m_step;
    qint64 m_lastReported = 0;
    bool m_cancelled = false;
};

#pragma once

#include <QObject>
#include <QTimer>

// Fires due() at an absolute MonotonicClock time, to well under a millisecond. Qt timers
// count whole milliseconds (and the glib dispatcher rounds its poll timeout up), so the
// timer wakes the thread a little early and a short absolute sleep covers the rest.
// The wait is measured against the planned time, never "now + interval", so slip
// cannot accumulate from step to step.
class SimStepTimer : public QObject {
    Q_OBJECT
public:
    explicit SimStepTimer(QObject* parent = nullptr);
    void armAt(qint64 deadlineNs);
    void cancel();
    bool isArmed() const { return m_armed; }
    qint64 deadlineNs() const { return m_deadlineNs; }

    // Once per thread that runs steps: tightens the kernel's timer slack (Linux) so the
    // final sleep ends within microseconds of its deadline.
    static void tuneCurrentThread();

Q_SIGNALS:
    void due();

private:
    void onTimeout();

    QTimer m_timer;
    qint64 m_deadlineNs = 0;
    bool m_armed = false;
};

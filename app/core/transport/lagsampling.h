#pragma once

#include <QtGlobal>

// When the lag probe fires next, and what one firing stands for. The probe fires every
// base period (10 ms) while its thread works; a thread that is quiet (the probe was on time
// and the thread used almost no CPU since the last firing) is probed half as often each time,
// down to one firing every kMaxStretch periods, and back to the base period at the first
// late or busy firing. A quiet thread's loop has nothing to delay its timers but the
// scheduler, and waking every client thread 100 times a second only to find that out is a
// fixed cost of every level, the slowest included (a trickle of 64 streams x 1 token per
// 100 ms has ~650 events/s: the engine's and one network thread's probes added 200 wake-ups/s
// to them). Every firing counts as many samples as the base periods it stands for, so the
// p99 stays the p99 over the level's time, as if the probe had fired every base period.
class LagSampling {
public:
    static constexpr int kMaxStretch = 8;          // 80 ms at the 10 ms default
    static constexpr qint64 kOnTimeNs = 1000000;   // late by less: on time
    static constexpr double kQuietCpuShare = 0.05; // of the span since the last firing

    explicit LagSampling(int baseMs);

    int baseMs() const { return m_baseMs; }
    // The period the timer is armed with now.
    int intervalMs() const { return m_baseMs * m_stretch; }

    // One firing, `lateNs` after it was due, `threadCpuNs` of CPU used by the thread over
    // the `spanNs` since the previous firing. Returns how many samples it stands for (the
    // base periods of the interval it was armed with) and sets the next interval.
    int onFiring(qint64 lateNs, qint64 spanNs, qint64 threadCpuNs);

private:
    int m_baseMs;
    int m_stretch = 1;
};

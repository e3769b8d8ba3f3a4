#pragma once

#include <QtGlobal>

// The one clock every timestamp in Plateau comes from: CLOCK_MONOTONIC through
// std::chrono::steady_clock, in nanoseconds. The in-process simulator and the
// client read the same clock, so ground truth and measurements compare directly
// (and a stand-alone simulator on the same machine shares it too).
namespace MonotonicClock {
qint64 nowNs();
inline double nsToMs(qint64 ns) {
    return double(ns) / 1e6;
}
} // namespace MonotonicClock

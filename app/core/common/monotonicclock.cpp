#include "common/monotonicclock.h"

#include <chrono>

qint64 MonotonicClock::nowNs() {
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

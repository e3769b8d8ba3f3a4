#pragma once

#include <QtGlobal>

// A tiny seeded generator (SplitMix64). Deterministic across platforms and standard
// libraries, unlike std::uniform_real_distribution, so a seed reproduces a run exactly.
class SimRandom {
public:
    explicit SimRandom(quint64 seed = 1)
        : m_state(seed) {}

    // An independent stream for one request: the same seed and id give the same faults
    // whatever order or timing the requests arrive in.
    static SimRandom forRequest(quint64 seed, quint64 id) {
        SimRandom mixer(seed ^ (id * 0x9E3779B97F4A7C15ULL));
        mixer.next();
        return SimRandom(mixer.next());
    }

    quint64 next() {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    // Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

    // Uniform integer in [low, high] (high >= low).
    int between(int low, int high) {
        return low + int(next() % quint64(qint64(high) - qint64(low) + 1));
    }

private:
    quint64 m_state;
};

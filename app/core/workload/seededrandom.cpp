#include "workload/seededrandom.h"

#include <cmath>
#include <numbers>

SeededRandom::SeededRandom(quint64 seed)
    : m_engine(seed) {}

quint64 SeededRandom::mix(quint64 seed, quint64 stream) {
    quint64 z = seed + 0x9E3779B97F4A7C15ull * (stream + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double SeededRandom::uniform01() {
    return double(nextU64() >> 11) * 0x1.0p-53;
}

double SeededRandom::uniformOpen01() {
    return (double(nextU64() >> 11) + 0.5) * 0x1.0p-53;
}

quint64 SeededRandom::below(quint64 n) {
    Q_ASSERT(n > 0);
    // Reject the top partial block of 2^64 so every residue is equally likely.
    const quint64 limit = ~quint64(0) - (~quint64(0) % n + 1) % n;
    quint64 value = nextU64();
    while (value > limit)
        value = nextU64();
    return value % n;
}

double SeededRandom::standardNormal() {
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spare;
    }
    const double radius = std::sqrt(-2.0 * std::log(uniformOpen01()));
    const double angle = 2.0 * std::numbers::pi * uniform01();
    m_spare = radius * std::sin(angle);
    m_hasSpare = true;
    return radius * std::cos(angle);
}

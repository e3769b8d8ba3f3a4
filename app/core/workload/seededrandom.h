#pragma once

#include <QtGlobal>

#include <random>

// The random source of every workload piece. std::mt19937_64's output is fixed by the
// C++ standard, but std::*_distribution are not (each standard library transforms the bits
// its own way), so the transforms live here: the same seed gives the same lengths, samples
// and texts with libstdc++, libc++ or MSVC.
class SeededRandom {
public:
    explicit SeededRandom(quint64 seed);

    // A seed for sub-stream `stream` of `seed` (splitmix64 finalizer): request i's text or
    // group i's prefix is drawn from its own stream, so it does not depend on call order.
    static quint64 mix(quint64 seed, quint64 stream);

    quint64 nextU64() { return m_engine(); }
    double uniform01();     // [0, 1), 53 random bits
    double uniformOpen01(); // (0, 1): safe to take the logarithm of
    // Uniform integer in [0, n) without modulo bias; n > 0.
    quint64 below(quint64 n);
    // Standard normal (Box–Muller); caches the second value of each pair.
    double standardNormal();

private:
    std::mt19937_64 m_engine;
    double m_spare = 0.0;
    bool m_hasSpare = false;
};

#pragma once

#include "profile/lengthdistribution.h"
#include "workload/seededrandom.h"

// Draws lengths from a LengthDistribution, reproducibly: the same distribution and seed give
// the same sequence on every platform (SeededRandom's own transforms, no std distributions).
// Every draw is an integer in [kMinLength, kMaxLength], and within [min, max] where the
// kind has bounds. The distribution should be readyToSample(); otherwise draws are 1.
class LengthSampler {
public:
    LengthSampler(const LengthDistribution& distribution, quint64 seed);

    // The next length of this sampler's own sequence.
    int next() { return sample(m_random); }
    // A length drawn with a caller's random source (random access: a request's own stream).
    int sample(SeededRandom& random) const;

    const LengthDistribution& distribution() const { return m_distribution; }

private:
    LengthDistribution m_distribution;
    bool m_ready;
    SeededRandom m_random;
};

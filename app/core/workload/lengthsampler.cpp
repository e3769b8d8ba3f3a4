#include "workload/lengthsampler.h"

#include <algorithm>
#include <cmath>

namespace {
int clipped(double value, int min, int max) {
    return int(std::lround(std::clamp(value, double(min), double(max))));
}
} // namespace

LengthSampler::LengthSampler(const LengthDistribution& distribution, quint64 seed)
    : m_distribution(distribution)
    , m_ready(distribution.readyToSample())
    , m_random(seed) {}

int LengthSampler::sample(SeededRandom& random) const {
    if (!m_ready)
        return LengthDistribution::kMinLength;
    const LengthDistribution& d = m_distribution;
    using Kind = LengthDistribution::Kind;
    switch (d.kind) {
    case Kind::Fixed:
        return d.value;
    case Kind::Uniform:
        return d.min + int(random.below(quint64(d.max - d.min) + 1));
    case Kind::Normal:
        return clipped(d.mean + d.sd * random.standardNormal(), d.min, d.max);
    case Kind::LogNormal:
        return clipped(d.median * std::exp(d.sigma * random.standardNormal()), d.min, d.max);
    case Kind::Empirical:
        return d.values[qsizetype(random.below(quint64(d.values.size())))];
    }
    return LengthDistribution::kMinLength;
}

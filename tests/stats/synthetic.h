#pragma once

// Seeded synthetic data with a known truth, for the coverage tests of plateau_stats.

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace synthetic {

// AR(1): x[t] = mean + phi (x[t-1] - mean) + e[t], e ~ N(0, sigma^2), started from the
// stationary distribution so there is no transient. Its mean is `mean`, its integrated
// autocorrelation time (1 + phi) / (1 - phi).
inline std::vector<double> ar1(std::size_t n, double phi, double mean, double sigma,
                               std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, sigma);
    std::vector<double> x(n);
    double deviation = noise(rng) / std::sqrt(1.0 - phi * phi);
    for (double& v : x) {
        v = mean + deviation;
        deviation = phi * deviation + noise(rng);
    }
    return x;
}

inline std::vector<double> normal(std::size_t n, double mean, double sd, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> dist(mean, sd);
    std::vector<double> x(n);
    for (double& v : x)
        v = dist(rng);
    return x;
}

// Exponential with the given rate: its q-quantile is -ln(1 - q) / rate.
inline std::vector<double> exponential(std::size_t n, double rate, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::exponential_distribution<double> dist(rate);
    std::vector<double> x(n);
    for (double& v : x)
        v = dist(rng);
    return x;
}

inline double exponentialQuantile(double q, double rate) {
    return -std::log1p(-q) / rate;
}

// Seeds far apart so that runs of neighbouring seeds share nothing.
inline std::uint64_t seed(int i, std::uint64_t salt = 0) {
    return 0x9E3779B97F4A7C15ULL * std::uint64_t(i + 1) + salt;
}

} // namespace synthetic

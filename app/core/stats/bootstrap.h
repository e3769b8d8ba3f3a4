#pragma once

#include "stats/blockquantileindex.h"
#include "stats/interval.h"

#include <cstdint>
#include <functional>
#include <random>
#include <span>
#include <vector>

// Seeded, reproducible bootstrap for statistics without a closed-form interval.
// Resampling is i.i.d. (blockLength 1) or by moving blocks of consecutive values
// (Kuensch 1989) for series whose neighbours are correlated, e.g. requests in completion
// order under load; the block should span the correlation (about n^(1/3) to sqrt(n)).
// The random stream is std::mt19937_64 (fully specified by the standard) with indices drawn
// by modulo, so the same seed gives the same figures on every platform.
class Bootstrap {
public:
    static constexpr int kMinResamples = 100;
    static constexpr int kMaxResamples = 100'000;

    struct Options {
        int resamples = 2000; // clamped to [kMinResamples, kMaxResamples]
        std::uint64_t seed = 1;
        int blockLength = 1; // 1: i.i.d.; clamped to [1, n]
        double confidence = 0.95;
    };
    // Computes the statistic of one resample. It may reorder the vector (e.g. nth_element).
    using Statistic = std::function<double(std::vector<double>& resample)>;

    // Percentile bootstrap interval (Efron): the alpha/2 and 1-alpha/2 quantiles of the
    // statistic over the resamples; estimate = the statistic of the original samples.
    static Interval percentileInterval(std::span<const double> samples, const Statistic& statistic,
                                       const Options& options);
    // The statistic of each resample (options.resamples values, in draw order).
    static std::vector<double> replicates(std::span<const double> samples,
                                          const Statistic& statistic, const Options& options);
    // Interval from replicates already drawn; `replicates` gets sorted.
    static Interval intervalFromReplicates(std::vector<double>& replicates, double estimate,
                                           double confidence);
    // One resample of `samples` (same length) into `out`.
    static void resample(std::span<const double> samples, int blockLength, std::mt19937_64& rng,
                         std::vector<double>& out);
    // The stretches of one moving-block resample of n values (blockLength > 1): what
    // resample() copies, drawn from `rng` the same way.
    static void drawBlocks(std::size_t n, int blockLength, std::mt19937_64& rng,
                           std::vector<BlockQuantileIndex::Stretch>& out);
    static int clampedResamples(int resamples);
};

#pragma once

#include "stats/interval.h"

#include <span>

// Confidence interval for the mean of an autocorrelated time series (e.g. output tokens per
// 100 ms bin over a level's steady window) by non-overlapping batch means.
//
// Consecutive bins of a served load are correlated (a long generation spans many bins, a
// batch step stalls several at once), so the i.i.d. formula s/sqrt(n) understates the error,
// by sqrt(tau) for an integrated autocorrelation time tau. Averaging b consecutive batches of
// m bins each gives b nearly independent batch means when m is several times tau; the
// interval is then the t interval of those b means: mean +- t(1-alpha/2, b-1) * s_b/sqrt(b).
//
// How b and m are chosen (the rule, documented in docs/METRICS.md):
//  1. cutoff lag L: the first lag whose sample autocorrelation falls inside the white-noise
//     band 2/sqrt(n) ("where the autocorrelation dies out");
//  2. tau = 1 + 2 * sum of the positive autocorrelations below L;
//  3. the smallest acceptable batch is m_min = max(L, ceil(batchSizePerTau * tau)); with the
//     default 5, neighbouring batch means of an AR(1)-like series correlate by <= ~0.05;
//  4. b = min(maxBatches, floor(n / m_min)); fewer than minBatches -> no interval ("not
//     enough data", with the number of bins it would take); m = floor(n / b), the n mod b
//     bins left over are dropped from the start of the series (nearest the ramp-up).
// A series longer than kMaxPoints is first averaged over groups of neighbouring points
// (batch means of those are batch means of the original): the autocorrelation search stays
// bounded in time even for a drifting hour-long series.
struct BatchMeansOptions {
    int minBatches = 5;  // below this, t(b-1) gets too wide and s_b too unreliable
    int maxBatches = 20; // Schmeiser (1982): 10-30 batches; more only shrinks batch size
    double batchSizePerTau = 5.0;
};

struct BatchMeansInterval {
    Interval interval;          // method "batch_means"; sampleCount = batches
    int batches = 0;            // b
    int batchSize = 0;          // m, in series points
    int cutoffLag = 0;          // L
    double tau = Interval::nan; // integrated autocorrelation time, in series points
    // Lag-1 autocorrelation of the batch means: a diagnostic, near 0 when batches are large
    // enough (its own noise is about 1/sqrt(b)).
    double batchLag1Autocorrelation = Interval::nan;
    int pointsPerGroup = 1; // > 1 when a long series was averaged first (see kMaxPoints)
};

class BatchMeans {
public:
    static constexpr std::size_t kMaxPoints = 10'000;

    static BatchMeansInterval compute(std::span<const double> series, double confidence = 0.95,
                                      const BatchMeansOptions& options = {});

    struct Correlation {
        int cutoffLag = 0; // 0 when the series is constant
        double tau = 1.0;
        bool diedOut = true; // false: still correlated at maxLag
    };
    // Steps 1-2 of the rule, looking at lags up to maxLag.
    static Correlation correlation(std::span<const double> series, int maxLag);
};

#pragma once

#include "stats/interval.h"
#include "stats/samplemoments.h"

#include <span>

// Student t interval for a mean: estimate +- t(1 - alpha/2, df) * standardError.
// For independent observations (per-request latencies); a time series needs BatchMeans.
class MeanInterval {
public:
    // i.i.d. samples: df = n - 1, standard error s / sqrt(n). NaN samples are skipped.
    static Interval studentT(std::span<const double> samples, double confidence = 0.95);
    // The same from moments already at hand (BatchMeans passes its batch means' moments).
    static Interval fromMoments(const SampleMoments& moments, double confidence,
                                const char* method);
    // Rebuilds a t interval from what a results file keeps (estimate, half-width, df), so that
    // two saved runs can be compared with WelchTest / RatioInterval.
    static Interval fromHalfWidth(double estimate, double halfWidth, double degreesOfFreedom,
                                  double confidence, const char* method);
    // Whether `confidence` is usable: strictly between 0 and 1. Every interval checks it.
    static bool validConfidence(double confidence) { return confidence > 0.0 && confidence < 1.0; }
};

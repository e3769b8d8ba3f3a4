#include "stats/batchmeans.h"

#include "stats/meaninterval.h"
#include "stats/samplemoments.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace {
// Sum of products of the centred series with itself shifted by `lag`, divided by n
// (the usual biased autocovariance estimator, which keeps the ACF positive definite).
double autocovariance(std::span<const double> series, double mean, std::size_t lag) {
    double sum = 0.0;
    for (std::size_t i = 0; i + lag < series.size(); ++i)
        sum += (series[i] - mean) * (series[i + lag] - mean);
    return sum / double(series.size());
}

double lag1Autocorrelation(std::span<const double> values) {
    const SampleMoments m = SampleMoments::of(values);
    const double c0 = autocovariance(values, m.mean, 0);
    return c0 > 0.0 ? autocovariance(values, m.mean, 1) / c0 : Interval::nan;
}

std::vector<double> batchMeans(std::span<const double> series, int batches, int batchSize) {
    const std::size_t skip = series.size() - std::size_t(batches) * std::size_t(batchSize);
    std::vector<double> means;
    means.reserve(std::size_t(batches));
    for (int b = 0; b < batches; ++b) {
        const auto batch =
            series.subspan(skip + std::size_t(b) * std::size_t(batchSize), std::size_t(batchSize));
        double sum = 0.0;
        for (double v : batch)
            sum += v;
        means.push_back(sum / double(batchSize));
    }
    return means;
}

// Means of consecutive groups of `size` points; the size mod `size` points left over are
// dropped from the start, like the batches'.
std::vector<double> groupMeans(std::span<const double> series, std::size_t size) {
    const std::size_t groups = series.size() / size;
    return batchMeans(series, int(groups), int(size));
}

bool hasNaN(std::span<const double> series) {
    return std::any_of(series.begin(), series.end(), [](double v) { return std::isnan(v); });
}
} // namespace

BatchMeans::Correlation BatchMeans::correlation(std::span<const double> series, int maxLag) {
    Correlation c;
    const SampleMoments m = SampleMoments::of(series);
    const double c0 = series.empty() ? 0.0 : autocovariance(series, m.mean, 0);
    if (!(c0 > 0.0))
        return c; // constant series: nothing to correlate
    const double band = 2.0 / std::sqrt(double(series.size()));
    double positiveSum = 0.0;
    for (int lag = 1; lag <= maxLag; ++lag) {
        const double rho = autocovariance(series, m.mean, std::size_t(lag)) / c0;
        if (rho < band) {
            c.cutoffLag = lag;
            c.tau = 1.0 + 2.0 * positiveSum;
            return c;
        }
        positiveSum += rho;
    }
    c.cutoffLag = maxLag;
    c.tau = 1.0 + 2.0 * positiveSum;
    c.diedOut = false;
    return c;
}

BatchMeansInterval BatchMeans::compute(std::span<const double> series, double confidence,
                                       const BatchMeansOptions& options) {
    BatchMeansInterval r;
    Interval& ci = r.interval;
    ci.method = "batch_means";
    ci.confidence = confidence;
    const int minBatches = std::clamp(options.minBatches, 2, 1000);
    const int maxBatches = std::clamp(options.maxBatches, minBatches, 1000);
    if (hasNaN(series)) {
        ci.note = "the series has missing (NaN) points";
        return r;
    }
    if (series.size() > kMaxPoints) {
        const std::size_t size = (series.size() + kMaxPoints - 1) / kMaxPoints;
        r = compute(groupMeans(series, size), confidence, options);
        r.pointsPerGroup = int(size);
        r.batchSize *= int(size);
        r.cutoffLag *= int(size);
        r.tau *= double(size); // approximately: the groups' own correlation time, in points
        return r;
    }
    ci.estimate = SampleMoments::of(series).mean;
    const int n = int(series.size());
    if (n < minBatches) {
        ci.note = "not enough data: " + std::to_string(n) + " points, need at least " +
                  std::to_string(minBatches) + " batches";
        return r;
    }
    const Correlation c = correlation(series, n / minBatches);
    r.cutoffLag = c.cutoffLag;
    r.tau = c.tau;
    const double perTau = std::clamp(options.batchSizePerTau, 1.0, 100.0);
    const int minBatchSize = std::max({1, c.cutoffLag, int(std::ceil(perTau * c.tau))});
    const int batches = std::min(maxBatches, n / minBatchSize);
    if (!c.diedOut || batches < minBatches) {
        const long long needed = (long long)minBatches * minBatchSize;
        ci.note =
            "not enough data: the series stays correlated over ~" + std::to_string(minBatchSize) +
            " points, so " + std::to_string(minBatches) + " independent batches need " +
            (c.diedOut ? "at least " + std::to_string(needed) : "more than " + std::to_string(n)) +
            " points, got " + std::to_string(n);
        return r;
    }
    r.batches = batches;
    r.batchSize = n / batches;
    const std::vector<double> means = batchMeans(series, batches, r.batchSize);
    ci = MeanInterval::fromMoments(SampleMoments::of(means), confidence, "batch_means");
    r.batchLag1Autocorrelation = lag1Autocorrelation(means);
    return r;
}

#pragma once

#include "metrics/figureinterval.h"

#include <QJsonObject>
#include <QList>
#include <cstddef>
#include <functional>
#include <limits>

// Distribution of one latency metric over a level's successful requests.
// Percentiles use linear interpolation between closest ranks (NumPy's default).
struct LatencyStats {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    int count = 0;
    double mean = nan;
    double std = nan; // population standard deviation (NumPy's default, ddof=0)
    double min = nan;
    double max = nan;
    double p50 = nan;
    double p90 = nan;
    double p95 = nan;
    double p99 = nan;
    // 95% distribution-free intervals of the percentiles from two order statistics
    // (PercentileInterval); none when there are too few samples (e.g. < 299 for p99).
    FigureInterval p50Ci;
    FigureInterval p90Ci;
    FigureInterval p95Ci;
    FigureInterval p99Ci;

    // NaN samples are ignored.
    static LatencyStats compute(QList<double> samples);
    // The same figures of samples too many to hold (a level's pooled inter-token gaps): the
    // source visits every sample each time it is called, in the same order, and is called
    // two to four times (RankSelection). Percentiles, intervals, min and max are the doubles
    // compute() gives; mean and std are summed in the source's order with compensation, so
    // they may differ from compute()'s sorted-order sums in the last bits.
    using SampleSource = std::function<void(const std::function<void(double)>&)>;
    static LatencyStats computePooled(const SampleSource& source);
    // The figures from n sorted samples read through `sortedAt` (0-based) and their moments.
    static LatencyStats fromOrder(qsizetype n, double mean, double std,
                                  const std::function<double(std::size_t)>& sortedAt);
    // Linear-interpolated percentile (0..100) of already sorted samples; NaN if empty.
    static double percentileOfSorted(const QList<double>& sorted, double percentile);

    // Named access for budgets and charts: "mean","p50","p90","p95","p99","max","min".
    double value(const QString& statName) const;
    // The interval of a percentile by the same names ("p50".."p99"); none for other stats.
    FigureInterval interval(const QString& statName) const;

    // {count,mean,std,min,max,p50,p90,p95,p99, p50_ci95..p99_ci95: [lo, hi]}; NaN -> null
    QJsonObject toJson() const;
    static LatencyStats fromJson(const QJsonObject& object);
};

#pragma once

#include <QJsonObject>
#include <QList>
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

    // NaN samples are ignored.
    static LatencyStats compute(QList<double> samples);
    // Linear-interpolated percentile (0..100) of already sorted samples; NaN if empty.
    static double percentileOfSorted(const QList<double>& sorted, double percentile);

    // Named access for budgets and charts: "mean","p50","p90","p95","p99","max","min".
    double value(const QString& statName) const;

    QJsonObject toJson() const; // {count,mean,std,min,max,p50,p90,p95,p99}; NaN -> null
    static LatencyStats fromJson(const QJsonObject& object);
};

#include "stats/samplemoments.h"

#include <cmath>

SampleMoments SampleMoments::of(std::span<const double> values) {
    SampleMoments m;
    double sum = 0.0;
    for (double v : values) {
        if (!std::isnan(v)) {
            sum += v;
            ++m.count;
        }
    }
    if (m.count == 0)
        return m;
    m.mean = sum / double(m.count);
    if (m.count < 2)
        return m;
    double squares = 0.0;
    for (double v : values) {
        if (!std::isnan(v))
            squares += (v - m.mean) * (v - m.mean);
    }
    m.variance = squares / double(m.count - 1);
    return m;
}

double SampleMoments::standardErrorOfMean() const {
    return count >= 2 ? std::sqrt(variance / double(count)) : nan;
}

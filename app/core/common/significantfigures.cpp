#include "common/significantfigures.h"

#include <algorithm>
#include <cmath>

namespace SignificantFigures {

double round(double value, int figures) {
    if (!std::isfinite(value) || value == 0.0)
        return value;
    const int magnitude = int(std::floor(std::log10(std::fabs(value))));
    const int exponent = magnitude + 1 - std::max(1, figures);
    // Divide by a power of ten >= 1 rather than multiply by its inverse: 7.9e3, not 7.9000001e3.
    if (exponent >= 0) {
        const double unit = std::pow(10.0, exponent);
        return std::round(value / unit) * unit;
    }
    const double scale = std::pow(10.0, -exponent);
    return std::round(value * scale) / scale;
}

} // namespace SignificantFigures

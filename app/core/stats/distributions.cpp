#include "stats/distributions.h"

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>

namespace {
namespace bm = boost::math;
// Errors become NaN (or +-inf for overflow) rather than exceptions: callers check isfinite.
using Policy = bm::policies::policy<bm::policies::domain_error<bm::policies::ignore_error>,
                                    bm::policies::overflow_error<bm::policies::ignore_error>,
                                    bm::policies::evaluation_error<bm::policies::ignore_error>,
                                    bm::policies::pole_error<bm::policies::ignore_error>>;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool isProbability(double p) {
    return p > 0.0 && p < 1.0;
}
bool isPositive(double df) {
    return df > 0.0 && !std::isnan(df);
}
} // namespace

double Distributions::studentTQuantile(double p, double df) {
    if (!isProbability(p) || !isPositive(df))
        return kNaN;
    if (std::isinf(df))
        return normalQuantile(p);
    return bm::quantile(bm::students_t_distribution<double, Policy>(df), p);
}

double Distributions::studentTCdf(double x, double df) {
    if (std::isnan(x) || !isPositive(df))
        return kNaN;
    if (std::isinf(df))
        return normalCdf(x);
    if (std::isinf(x))
        return x > 0 ? 1.0 : 0.0;
    return bm::cdf(bm::students_t_distribution<double, Policy>(df), x);
}

double Distributions::studentTTwoSidedP(double t, double df) {
    if (std::isnan(t) || !isPositive(df))
        return kNaN;
    if (std::isinf(t))
        return 0.0;
    if (std::isinf(df))
        return normalTwoSidedP(t);
    // The complement keeps precision for tiny p-values (1 - cdf would round to 0 early).
    return 2.0 *
           bm::cdf(bm::complement(bm::students_t_distribution<double, Policy>(df), std::fabs(t)));
}

double Distributions::normalQuantile(double p) {
    if (!isProbability(p))
        return kNaN;
    return bm::quantile(bm::normal_distribution<double, Policy>(), p);
}

double Distributions::normalCdf(double x) {
    if (std::isnan(x))
        return kNaN;
    if (std::isinf(x))
        return x > 0 ? 1.0 : 0.0;
    return bm::cdf(bm::normal_distribution<double, Policy>(), x);
}

double Distributions::normalTwoSidedP(double z) {
    if (std::isnan(z))
        return kNaN;
    if (std::isinf(z))
        return 0.0;
    return 2.0 * bm::cdf(bm::complement(bm::normal_distribution<double, Policy>(), std::fabs(z)));
}

double Distributions::chiSquaredQuantile(double p, double df) {
    if (!isProbability(p) || !isPositive(df) || std::isinf(df))
        return kNaN;
    return bm::quantile(bm::chi_squared_distribution<double, Policy>(df), p);
}

double Distributions::binomialCdf(std::int64_t k, std::int64_t n, double p) {
    if (n < 0 || !(p >= 0.0 && p <= 1.0))
        return kNaN;
    if (k < 0)
        return 0.0;
    if (k >= n)
        return 1.0;
    return bm::cdf(bm::binomial_distribution<double, Policy>(double(n), p), double(k));
}

double Distributions::studentTCritical(double confidence, double df) {
    if (!isProbability(confidence))
        return kNaN;
    return studentTQuantile(1.0 - (1.0 - confidence) / 2.0, df);
}

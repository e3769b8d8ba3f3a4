#include "profile/lengthdistribution.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
// Inverse of the standard normal CDF (P. J. Acklam's rational approximation, relative error
// below 1.15e-9): enough for quantiles rounded to whole tokens.
double inverseNormalCdf(double p) {
    if (p <= 0.0)
        return -std::numeric_limits<double>::infinity();
    if (p >= 1.0)
        return std::numeric_limits<double>::infinity();
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                   -2.759285104469687e+02, 1.383577518672690e+02,
                                   -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                   -1.556989798598866e+02, 6.680131188771972e+01,
                                   -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                   -2.400758277161838e+00, -2.549732539343734e+00,
                                   4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                   2.445134137142996e+00, 3.754408661907416e+00};
    constexpr double low = 0.02425;
    const auto tail = [&](double q) {
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    };
    if (p < low)
        return tail(std::sqrt(-2.0 * std::log(p)));
    if (p > 1.0 - low)
        return -tail(std::sqrt(-2.0 * std::log(1.0 - p)));
    const double q = p - 0.5;
    const double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

QString number(double value) {
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

bool lengthInRange(double value) {
    return value >= LengthDistribution::kMinLength && value <= LengthDistribution::kMaxLength;
}

QString rangeError(const QString& what, double value) {
    return QStringLiteral("%1 %2 is outside %3..%4")
        .arg(what, number(value))
        .arg(LengthDistribution::kMinLength)
        .arg(LengthDistribution::kMaxLength);
}

// The clip bounds shared by uniform, normal and log-normal.
QString boundsError(const LengthDistribution& d) {
    if (!lengthInRange(d.min))
        return rangeError(QStringLiteral("min"), d.min);
    if (!lengthInRange(d.max))
        return rangeError(QStringLiteral("max"), d.max);
    if (d.min > d.max)
        return QStringLiteral("min %1 is above max %2").arg(d.min).arg(d.max);
    return {};
}

QString centreError(const LengthDistribution& d, const QString& name, double centre) {
    if (!std::isfinite(centre) || !lengthInRange(centre))
        return rangeError(name, centre);
    if (const QString bounds = boundsError(d); !bounds.isEmpty())
        return bounds;
    if (centre < d.min || centre > d.max)
        return QStringLiteral("%1 %2 is outside min..max %3..%4")
            .arg(name, number(centre))
            .arg(d.min)
            .arg(d.max);
    return {};
}

QString kindError(const LengthDistribution& d) {
    using Kind = LengthDistribution::Kind;
    switch (d.kind) {
    case Kind::Fixed:
        return lengthInRange(d.value) ? QString() : rangeError(QStringLiteral("length"), d.value);
    case Kind::Uniform:
        return boundsError(d);
    case Kind::Normal:
        if (!std::isfinite(d.sd) || d.sd < 0 || d.sd > LengthDistribution::kMaxLength)
            return QStringLiteral("sd %1 is outside 0..%2")
                .arg(number(d.sd))
                .arg(LengthDistribution::kMaxLength);
        return centreError(d, QStringLiteral("mean"), d.mean);
    case Kind::LogNormal:
        if (!std::isfinite(d.sigma) || d.sigma < 0 || d.sigma > LengthDistribution::kMaxSigma)
            return QStringLiteral("sigma %1 is outside 0..%2")
                .arg(number(d.sigma), number(LengthDistribution::kMaxSigma));
        return centreError(d, QStringLiteral("median"), d.median);
    case Kind::Empirical:
        if (d.values.isEmpty() && d.file.isEmpty())
            return QStringLiteral("no observed lengths and no file to take them from");
        if (d.values.size() > LengthDistribution::kMaxValues)
            return QStringLiteral("%1 observed lengths, more than the %2 allowed")
                .arg(d.values.size())
                .arg(LengthDistribution::kMaxValues);
        for (qsizetype i = 0; i < d.values.size(); ++i) {
            if (!lengthInRange(d.values[i]))
                return rangeError(QStringLiteral("observed length #%1").arg(i + 1), d.values[i]);
        }
        return {};
    }
    return QStringLiteral("unknown kind");
}

int roundedLength(double value, int min, int max) {
    if (std::isnan(value))
        return min;
    return int(std::lround(std::clamp(value, double(min), double(max))));
}
} // namespace

LengthDistribution LengthDistribution::fixed(int value) {
    LengthDistribution d;
    d.kind = Kind::Fixed;
    d.value = value;
    return d;
}

LengthDistribution LengthDistribution::uniform(int min, int max) {
    LengthDistribution d;
    d.kind = Kind::Uniform;
    d.min = min;
    d.max = max;
    return d;
}

LengthDistribution LengthDistribution::normal(double mean, double sd, int min, int max) {
    LengthDistribution d;
    d.kind = Kind::Normal;
    d.mean = mean;
    d.sd = sd;
    d.min = min;
    d.max = max;
    return d;
}

LengthDistribution LengthDistribution::logNormal(double median, double sigma, int min, int max) {
    LengthDistribution d;
    d.kind = Kind::LogNormal;
    d.median = median;
    d.sigma = sigma;
    d.min = min;
    d.max = max;
    return d;
}

LengthDistribution LengthDistribution::empirical(const QList<int>& values, const QString& file) {
    LengthDistribution d;
    d.kind = Kind::Empirical;
    d.values = values;
    d.file = file;
    return d;
}

LengthDistribution LengthDistribution::empiricalFile(const QString& file) {
    return empirical({}, file);
}

QString LengthDistribution::validate() const {
    const QString error = kindError(*this);
    return error.isEmpty() ? error : kindName(kind) + QStringLiteral(": ") + error;
}

bool LengthDistribution::readyToSample() const {
    return validate().isEmpty() && (kind != Kind::Empirical || !values.isEmpty());
}

int LengthDistribution::quantile(double p) const {
    p = std::isnan(p) ? 0.5 : std::clamp(p, 0.0, 1.0);
    switch (kind) {
    case Kind::Fixed:
        return value;
    case Kind::Uniform:
        return roundedLength(min + p * (max - min), min, max);
    case Kind::Normal:
        return roundedLength(mean + sd * inverseNormalCdf(p), min, max);
    case Kind::LogNormal:
        return roundedLength(median * std::exp(sigma * inverseNormalCdf(p)), min, max);
    case Kind::Empirical: {
        if (values.isEmpty())
            return 0;
        QList<int> sorted = values;
        const qsizetype rank =
            std::min(sorted.size() - 1, qsizetype(std::floor(p * double(sorted.size()))));
        std::nth_element(sorted.begin(), sorted.begin() + rank, sorted.end());
        return sorted[rank];
    }
    }
    return 0;
}

QString LengthDistribution::kindName(Kind kind) {
    switch (kind) {
    case Kind::Fixed:
        return QStringLiteral("fixed");
    case Kind::Uniform:
        return QStringLiteral("uniform");
    case Kind::Normal:
        return QStringLiteral("normal");
    case Kind::LogNormal:
        return QStringLiteral("lognormal");
    case Kind::Empirical:
        return QStringLiteral("empirical");
    }
    return {};
}

bool LengthDistribution::kindFromName(const QString& name, Kind* kind) {
    const QString lower = name.trimmed().toLower();
    for (Kind candidate :
         {Kind::Fixed, Kind::Uniform, Kind::Normal, Kind::LogNormal, Kind::Empirical}) {
        if (lower == kindName(candidate)) {
            *kind = candidate;
            return true;
        }
    }
    if (lower == QLatin1String("gaussian")) {
        *kind = Kind::Normal;
        return true;
    }
    if (lower == QLatin1String("log-normal")) {
        *kind = Kind::LogNormal;
        return true;
    }
    return false;
}

bool LengthDistribution::operator==(const LengthDistribution& other) const {
    if (kind != other.kind)
        return false;
    switch (kind) {
    case Kind::Fixed:
        return value == other.value;
    case Kind::Uniform:
        return min == other.min && max == other.max;
    case Kind::Normal:
        return mean == other.mean && sd == other.sd && min == other.min && max == other.max;
    case Kind::LogNormal:
        return median == other.median && sigma == other.sigma && min == other.min &&
               max == other.max;
    case Kind::Empirical:
        return file == other.file && values == other.values;
    }
    return false;
}

#include "workload/sharedprefixoptions.h"

#include <QLocale>

#include <cmath>

QString SharedPrefixOptions::validate() const {
    if (groups < 1 || groups > kMaxGroups)
        return QStringLiteral("shared prefix groups %1 is outside 1..%2")
            .arg(groups)
            .arg(kMaxGroups);
    if (prefixWords < LengthDistribution::kMinLength ||
        prefixWords > LengthDistribution::kMaxLength)
        return QStringLiteral("shared prefix length %1 is outside %2..%3")
            .arg(prefixWords)
            .arg(LengthDistribution::kMinLength)
            .arg(LengthDistribution::kMaxLength);
    if (!std::isfinite(reuseShare) || reuseShare < 0.0 || reuseShare > 1.0)
        return QStringLiteral("shared prefix share %1 is outside 0..1")
            .arg(QString::number(reuseShare, 'g', QLocale::FloatingPointShortest));
    if (const QString suffixError = suffix.validate(); !suffixError.isEmpty())
        return QStringLiteral("suffix length: ") + suffixError;
    if (!suffix.readyToSample())
        return QStringLiteral("suffix length: the empirical lengths are not loaded");
    return {};
}

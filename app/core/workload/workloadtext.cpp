#include "workload/workloadtext.h"

#include "profile/jsonfieldreader.h"

#include <QLocale>

QString WorkloadText::sizeText(qint64 bytes) {
    constexpr qint64 kKiB = 1024;
    constexpr qint64 kMiB = kKiB * 1024;
    constexpr qint64 kGiB = kMiB * 1024;
    const auto scaled = [bytes](qint64 unit, const char* name) -> QString {
        return QString::number(double(bytes) / double(unit), 'g', bytes % unit == 0 ? 12 : 3) +
               QLatin1Char(' ') + QLatin1String(name);
    };
    if (bytes >= kGiB)
        return scaled(kGiB, "GiB");
    if (bytes >= kMiB)
        return scaled(kMiB, "MiB");
    if (bytes >= kKiB)
        return scaled(kKiB, "KiB");
    return QString::number(bytes) + QStringLiteral(" bytes");
}

QString WorkloadText::quoted(const QString& text, qsizetype maxLength) {
    return QLatin1Char('"') + JsonFieldReader::printable(text, maxLength) + QLatin1Char('"');
}

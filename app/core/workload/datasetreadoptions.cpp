#include "workload/datasetreadoptions.h"

#include "workload/workloadtext.h"

namespace {
QString outside(const char* name, qint64 value, qint64 min, qint64 max) {
    return QStringLiteral("%1 %2 is outside %3..%4")
        .arg(QLatin1String(name))
        .arg(value)
        .arg(min)
        .arg(max);
}
} // namespace

QString DatasetReadOptions::validate() const {
    constexpr qint64 kMinFileBytes = 1024;
    if (maxFileBytes < kMinFileBytes || maxFileBytes > kMaxMaxFileBytes)
        return QStringLiteral("the file size cap %1 is outside 1 KiB..1 TiB")
            .arg(WorkloadText::sizeText(maxFileBytes));
    if (maxEntryBytes < kMinFileBytes || maxEntryBytes > kMaxMaxEntryBytes)
        return QStringLiteral("the entry size cap %1 is outside 1 KiB..64 MiB")
            .arg(WorkloadText::sizeText(maxEntryBytes));
    if (maxEntries < 1 || maxEntries > kMaxMaxEntries)
        return outside("the entry cap", maxEntries, 1, kMaxMaxEntries);
    if (sampleCount < 0 || sampleCount > maxEntries)
        return outside("the sample size", sampleCount, 0, maxEntries);
    if (withReplacement && sampleCount == 0)
        return QStringLiteral("sampling with replacement needs a sample size");
    if (minPromptWords < 0 || minPromptWords > kMaxWords)
        return outside("the minimum prompt length", minPromptWords, 0, kMaxWords);
    if (maxPromptWords < minPromptWords || maxPromptWords > kMaxWords)
        return outside("the maximum prompt length", maxPromptWords, minPromptWords, kMaxWords);
    if (maxLengthSamples < 0 || maxLengthSamples > kMaxMaxEntries)
        return outside("the length sample size", maxLengthSamples, 0, kMaxMaxEntries);
    return {};
}

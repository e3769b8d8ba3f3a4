#include "profile/latencyjson.h"

namespace {
template <class Enum>
bool readName(JsonFieldReader* reader, const QString& key, const QList<Enum>& allowed, Enum* out,
              std::optional<Enum> (*fromKey)(const QString&)) {
    QString word;
    if (!reader->readEnum(key, LatencyNames::keys(allowed), &word))
        return false;
    if (const std::optional<Enum> value = fromKey(word)) // absent: word stays empty
        *out = *value;
    return true;
}
} // namespace

namespace LatencyJson {

bool readMetric(JsonFieldReader* reader, const QString& key, const QList<LatencyMetric>& allowed,
                LatencyMetric* out) {
    return readName(reader, key, allowed, out, &LatencyNames::metricFromKey);
}

bool readStat(JsonFieldReader* reader, const QString& key, const QList<LatencyStat>& allowed,
              LatencyStat* out) {
    return readName(reader, key, allowed, out, &LatencyNames::statFromKey);
}

} // namespace LatencyJson

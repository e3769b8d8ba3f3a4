#include "profile/untilstablejson.h"

#include "profile/jsonfieldreader.h"

QStringList UntilStableJson::metrics() {
    return {QStringLiteral("ttft"), QStringLiteral("tpot"), QStringLiteral("e2e")};
}

QStringList UntilStableJson::stats() {
    return {QStringLiteral("p50"), QStringLiteral("p90"), QStringLiteral("p95"),
            QStringLiteral("p99")};
}

double UntilStableJson::quantileOf(const QString& stat) {
    return stat.mid(1).toDouble() / 100.0;
}

QJsonObject UntilStableJson::toJson(const SweepPlan::UntilStable& s) {
    return {
        {QStringLiteral("throughput_half_width"), s.throughputHalfWidth},
        {QStringLiteral("latency_half_width"), s.latencyHalfWidth},
        {QStringLiteral("metric"), s.metric},
        {QStringLiteral("stat"), s.stat},
        {QStringLiteral("min_s"), s.minSeconds},
        {QStringLiteral("max_s"), s.maxSeconds},
    };
}

bool UntilStableJson::fromJson(const QJsonObject& object, const QString& path,
                               SweepPlan::UntilStable* s, QString* error) {
    JsonFieldReader reader(object, path, error);
    SweepPlan::UntilStable read;
    read.enabled = true;
    reader.readDouble(QStringLiteral("throughput_half_width"), &read.throughputHalfWidth,
                      kMinHalfWidth, kMaxHalfWidth);
    reader.readDouble(QStringLiteral("latency_half_width"), &read.latencyHalfWidth, kMinHalfWidth,
                      kMaxHalfWidth);
    QString word;
    if (reader.readEnum(QStringLiteral("metric"), metrics(), &word) && !word.isEmpty())
        read.metric = word;
    word.clear();
    if (reader.readEnum(QStringLiteral("stat"), stats(), &word) && !word.isEmpty())
        read.stat = word;
    reader.readDouble(QStringLiteral("min_s"), &read.minSeconds, kMinSeconds, kMaxSeconds);
    reader.readDouble(QStringLiteral("max_s"), &read.maxSeconds, kMinSeconds, kMaxSeconds);
    if (!reader.finish())
        return false;
    if (read.minSeconds > read.maxSeconds) {
        *error = QStringLiteral("field '") + path +
                 QStringLiteral(".min_s' must not exceed max_s (%1 s > %2 s)")
                     .arg(read.minSeconds)
                     .arg(read.maxSeconds);
        return false;
    }
    *s = read;
    return true;
}

#include "models/leveltimeline.h"

#include "servermetrics/servervocabulary.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
constexpr qint64 kSecondNs = 1000000000;

qint64 endOf(const RequestRecord& record) {
    if (record.tEndNs >= 0)
        return record.tEndNs;
    return std::max(record.tLastContentNs, record.tSendNs);
}

// One server series' points in [startMs, endMs] of the run, as seconds into the level.
QList<QPointF> inLevel(const ServerRunMetrics& server, const QString& key, double startMs,
                       double endMs, double scale) {
    QList<QPointF> points;
    const auto found = server.series.find(key);
    if (found == server.series.end())
        return points;
    for (const ServerRunMetrics::Point& point : found->second) {
        if (double(point.tMs) < startMs || double(point.tMs) > endMs)
            continue;
        points.append(QPointF((double(point.tMs) - startMs) / 1000.0, point.value * scale));
    }
    return points;
}
} // namespace

ServerTimelineLines LevelTimeline::serverLines(const RunResult& result, int levelIndex) {
    ServerTimelineLines lines;
    const ServerRunMetrics& server = result.serverMetrics;
    if (!server.enabled || server.series.empty())
        return lines;
    const LevelRunInfo* info = nullptr;
    for (const LevelRunInfo& level : result.levels) {
        if (level.index == levelIndex && level.startNs >= 0)
            info = &level;
    }
    if (!info)
        return lines;
    // Server points are in ms since the run's start on the same monotonic clock.
    const double startMs = double(info->startNs - result.runStartNs) / 1e6;
    const double endMs = info->endNs > info->startNs ? double(info->endNs - result.runStartNs) / 1e6
                                                     : std::numeric_limits<double>::infinity();
    const double lastMs = std::min(endMs, startMs + MaxSeconds * 1000.0);
    lines.engine = server.engine;
    const auto key = [](ServerMetric metric) { return ServerVocabulary::key(metric); };
    lines.running = inLevel(server, key(ServerMetric::Running), startMs, lastMs, 1.0);
    lines.waiting = inLevel(server, key(ServerMetric::Waiting), startMs, lastMs, 1.0);
    lines.kvPercent = inLevel(server, key(ServerMetric::KvUsage), startMs, lastMs, 100.0);
    // Counters are kept as their rate per scrape interval, under "<key>_per_s".
    lines.generationTps =
        inLevel(server, key(ServerMetric::GenerationTokens) + u"_per_s", startMs, lastMs, 1.0);
    return lines;
}

QList<RunProgress::TimelinePoint> LevelTimeline::build(const RunResult& result, int levelIndex) {
    // The level's origin is when it started issuing; records (warm-up included, it loads
    // the server too) fill in when the engine's level info is missing.
    qint64 start = std::numeric_limits<qint64>::max();
    qint64 end = std::numeric_limits<qint64>::min();
    for (const LevelRunInfo& info : result.levels) {
        if (info.index == levelIndex && info.startNs >= 0)
            start = info.startNs;
    }
    const bool haveInfoStart = start != std::numeric_limits<qint64>::max();
    for (const RequestRecord& record : result.records) {
        if (record.level != levelIndex || record.tSendNs < 0)
            continue;
        if (!haveInfoStart)
            start = std::min(start, record.tSendNs);
        end = std::max(end, endOf(record));
    }
    if (end <= start)
        return {};
    const int seconds =
        int(std::min<qint64>((end - start + kSecondNs - 1) / kSecondNs, MaxSeconds));
    end = std::min(end, start + qint64(seconds) * kSecondNs); // a cut level ends at the cap
    QList<double> tokens(seconds, 0.0);
    QList<double> busyNs(seconds, 0.0);

    for (const RequestRecord& record : result.records) {
        if (record.level != levelIndex || record.tSendNs < 0)
            continue;
        // A usage count is spread evenly over the content events, as docs/METRICS.md does.
        const qsizetype events = record.contentEventNs.size();
        const double perEvent = events > 0 && record.outputTokens > 0
                                    ? double(record.outputTokens) / double(events)
                                    : 1.0;
        for (qint64 t : record.contentEventNs) {
            if (t < start || t > end)
                continue;
            // An event at the very end belongs to the last (possibly partial) second.
            const qint64 bucket = std::min<qint64>((t - start) / kSecondNs, seconds - 1);
            tokens[bucket] += perEvent;
        }
        // Time-weighted occupancy: the part of [send, end) inside each second.
        const qint64 from = std::max(record.tSendNs, start);
        const qint64 to = endOf(record);
        for (qint64 bucket = (from - start) / kSecondNs; bucket < seconds; ++bucket) {
            const qint64 bucketStart = start + bucket * kSecondNs;
            if (bucketStart >= to)
                break;
            const qint64 overlap =
                std::min(to, bucketStart + kSecondNs) - std::max(from, bucketStart);
            if (overlap > 0)
                busyNs[bucket] += double(overlap);
        }
    }

    QList<RunProgress::TimelinePoint> points;
    points.reserve(seconds);
    for (int i = 0; i < seconds; ++i) {
        const qint64 bucketEnd = std::min(end, start + (i + 1) * kSecondNs);
        const double lengthS = double(bucketEnd - (start + i * kSecondNs)) / 1e9;
        RunProgress::TimelinePoint point;
        point.secondsIntoLevel = double(bucketEnd - start) / 1e9;
        point.tokensPerSecond = lengthS > 0.0 ? tokens.at(i) / lengthS : 0.0;
        point.inFlight = lengthS > 0.0 ? int(std::lround(busyNs.at(i) / 1e9 / lengthS)) : 0;
        points.append(point);
    }
    return points;
}

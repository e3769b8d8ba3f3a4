#include "models/leveltimeline.h"

#include <QTest>

class TestLevelTimeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tokensAndInFlightPerSecond();
    void unknownLevelIsEmpty();
    void serverLinesOnTheLevelsAxis();
    void noServerMetricsNoLines();
};

namespace {
constexpr qint64 kS = 1'000'000'000;

// A request sent at `send` seconds, streaming `events` content events evenly until `end`.
RequestRecord request(int level, double send, double end, int events, int tokens) {
    RequestRecord rec;
    rec.level = level;
    rec.tSendNs = qint64(send * kS);
    rec.tFirstContentNs = rec.tSendNs + kS / 10;
    rec.tLastContentNs = qint64(end * kS);
    rec.tEndNs = rec.tLastContentNs;
    for (int e = 0; e < events; ++e)
        rec.contentEventNs.append(rec.tFirstContentNs + (rec.tLastContentNs - rec.tFirstContentNs) *
                                                            e / std::max(1, events - 1));
    rec.outputTokens = tokens;
    return rec;
}
} // namespace

void TestLevelTimeline::tokensAndInFlightPerSecond() {
    RunResult run;
    LevelRunInfo info;
    info.index = 2;
    info.startNs = 10 * kS;
    run.levels.append(info);
    // Two requests over the level's first 4 s, one in [10, 14) and one in [12, 14);
    // a request of another level must not leak in.
    run.records.append(request(2, 10.0, 14.0, 41, 82)); // 2 tokens per event
    run.records.append(request(2, 12.0, 14.0, 20, 20));
    run.records.append(request(1, 10.5, 13.0, 50, 50));
    const auto points = LevelTimeline::build(run, 2);
    QCOMPARE(points.size(), 4);
    QCOMPARE(points.at(0).secondsIntoLevel, 1.0);
    QCOMPARE(points.at(3).secondsIntoLevel, 4.0);
    double tokens = 0.0;
    for (const auto& p : points)
        tokens += p.tokensPerSecond; // seconds are whole here, so the sum is the token count
    QCOMPARE(tokens, 102.0);
    QCOMPARE(points.at(0).inFlight, 1);
    QCOMPARE(points.at(1).inFlight, 1);
    QCOMPARE(points.at(2).inFlight, 2);
    QCOMPARE(points.at(3).inFlight, 2);
    QVERIFY(points.at(3).tokensPerSecond > points.at(0).tokensPerSecond);
}

void TestLevelTimeline::unknownLevelIsEmpty() {
    RunResult run;
    run.records.append(request(0, 1.0, 2.0, 5, 5));
    QVERIFY(LevelTimeline::build(run, 3).isEmpty());
    // No level info: the first send is the origin.
    const auto points = LevelTimeline::build(run, 0);
    QCOMPARE(points.size(), 1);
    QCOMPARE(points.at(0).inFlight, 1);
    QCOMPARE(points.at(0).tokensPerSecond, 5.0);
}

// Issue 12: the scraped series (ms since the run's start) land on the level's axis (seconds
// into the level), only those inside the level, KV usage as a percentage.
void TestLevelTimeline::serverLinesOnTheLevelsAxis() {
    RunResult run;
    run.runStartNs = 5 * kS;
    LevelRunInfo first;
    first.index = 0;
    first.startNs = 6 * kS; // 1 s into the run
    first.endNs = 16 * kS;
    LevelRunInfo second;
    second.index = 1;
    second.startNs = 17 * kS; // 12 s into the run, still running (no end)
    run.levels = {first, second};
    ServerRunMetrics& server = run.serverMetrics;
    server.enabled = true;
    server.engine = QStringLiteral("vLLM");
    for (qint64 t = 0; t <= 20'000; t += 1000) {
        const double level = t < 12'000 ? 4.0 : 8.0;
        server.series[QStringLiteral("running")].append({t, level});
        server.series[QStringLiteral("waiting")].append({t, t < 12'000 ? 0.0 : 3.0});
        server.series[QStringLiteral("kv_usage")].append({t, level / 10.0});
        if (t > 0)
            server.series[QStringLiteral("generation_tokens_per_s")].append({t, level * 100.0});
    }
    server.series[QStringLiteral("prompt_tokens_per_s")].append({2000, 1.0}); // not drawn

    const ServerTimelineLines lines = LevelTimeline::serverLines(run, 0);
    QCOMPARE(lines.engine, QStringLiteral("vLLM"));
    // Scrapes at 1..11 s of the run are inside [1 s, 11 s]: 0..10 s into the level.
    QCOMPARE(lines.running.size(), 11);
    QCOMPARE(lines.running.first(), QPointF(0.0, 4.0));
    QCOMPARE(lines.running.last(), QPointF(10.0, 4.0));
    QCOMPARE(lines.waiting.last().y(), 0.0);
    QCOMPARE(lines.kvPercent.first(), QPointF(0.0, 40.0));
    QCOMPARE(lines.generationTps.size(), 11);
    QCOMPARE(lines.generationTps.at(1), QPointF(1.0, 400.0));

    // The running level: from its start to the last scrape (12..20 s of the run).
    const ServerTimelineLines live = LevelTimeline::serverLines(run, 1);
    QCOMPARE(live.running.size(), 9);
    QCOMPARE(live.running.first(), QPointF(0.0, 8.0));
    QCOMPARE(live.waiting.last(), QPointF(8.0, 3.0));
    QCOMPARE(live.kvPercent.last(), QPointF(8.0, 80.0));
    QVERIFY(LevelTimeline::serverLines(run, 7).isEmpty()); // no such level
}

void TestLevelTimeline::noServerMetricsNoLines() {
    RunResult run;
    LevelRunInfo info;
    info.index = 0;
    info.startNs = kS;
    run.levels.append(info);
    QVERIFY(LevelTimeline::serverLines(run, 0).isEmpty());
    // Enabled but nothing scraped (a refused metrics URL): nothing to draw either.
    run.serverMetrics.enabled = true;
    QVERIFY(LevelTimeline::serverLines(run, 0).isEmpty());
}

QTEST_GUILESS_MAIN(TestLevelTimeline)
#include "tst_leveltimeline.moc"

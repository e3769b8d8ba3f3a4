#include "models/leveltimeline.h"

#include <QTest>

class TestLevelTimeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tokensAndInFlightPerSecond();
    void unknownLevelIsEmpty();
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

QTEST_GUILESS_MAIN(TestLevelTimeline)
#include "tst_leveltimeline.moc"

// ProgressTracker: the live snapshot of a run (counts, the per-second timeline, the live
// rate, the ETA), fed with made-up clock values so every figure is known in advance.
#include "sweep/progresstracker.h"

#include <QTest>

namespace {
constexpr qint64 kSecond = 1000000000;

LevelSpec countLevel(int index, int concurrency, int warmup, int measured) {
    LevelSpec spec;
    spec.index = index;
    spec.concurrency = concurrency;
    spec.warmupRequests = warmup;
    spec.measuredRequests = measured;
    return spec;
}

RequestRecord finished(qint64 sendNs, qint64 endNs, bool warmup = false,
                       const QString& error = QString()) {
    RequestRecord record;
    record.tSendNs = sendNs;
    record.tEndNs = endNs;
    record.warmup = warmup;
    record.error = error;
    return record;
}
} // namespace

class TestProgressTracker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void countsPerLevelAndRun();
    void timelineHasOnePointPerSecond();
    void etaFromTheLevelsPace();
    void etaUnknownBeforeAnyRequest();
    void etaOfADurationLevel();
    void endLevelClearsInFlight();
    void embeddingsLiveRateCountsInputs();
};

void TestProgressTracker::countsPerLevelAndRun() {
    ProgressTracker tracker;
    const QList<LevelSpec> levels = {countLevel(0, 2, 1, 4), countLevel(1, 4, 0, 8)};
    tracker.beginRun(levels);
    QVERIFY(tracker.snapshot().running);
    QCOMPARE(tracker.snapshot().levelCount, 2);

    tracker.beginLevel(0, 0, 0);
    tracker.onRecord(finished(0, kSecond, /*warmup=*/true));
    tracker.onRecord(finished(0, kSecond));
    tracker.onRecord(finished(0, kSecond));
    tracker.onRecord(finished(0, kSecond, false, QStringLiteral("http_5xx")));
    RunProgress p = tracker.snapshot();
    QCOMPARE(p.levelIndex, 0);
    QCOMPARE(p.levelLabel, levels.at(0).label());
    QCOMPARE(p.requestsDone, 3); // the warm-up request is not counted
    QCOMPARE(p.requestsPlanned, 4);
    QCOMPARE(p.errors, 1);
    QCOMPARE(p.errorsThisLevel, 1);

    tracker.beginLevel(1, 5 * kSecond, 0);
    tracker.onRecord(finished(5 * kSecond, 6 * kSecond, false, QStringLiteral("timeout")));
    p = tracker.snapshot();
    QCOMPARE(p.levelIndex, 1);
    QCOMPARE(p.levelLabel, levels.at(1).label());
    QCOMPARE(p.requestsDone, 1);
    QCOMPARE(p.requestsPlanned, 8);
    QCOMPARE(p.errors, 2); // the whole run
    QCOMPARE(p.errorsThisLevel, 1);
}

void TestProgressTracker::timelineHasOnePointPerSecond() {
    ProgressTracker tracker;
    tracker.beginRun({countLevel(0, 1, 0, 100)});
    const qint64 start = 7 * kSecond;
    tracker.beginLevel(0, start, 100);

    tracker.tick(start + kSecond / 2, 150, 3);
    RunProgress p = tracker.snapshot();
    QVERIFY(p.timeline.isEmpty()); // no whole second yet
    QCOMPARE(p.inFlight, 3);
    QCOMPARE(p.levelElapsedS, 0.5);
    QCOMPARE(p.liveTokensPerSecond, 100.0); // 50 events in half a second

    tracker.tick(start + kSecond, 200, 4);
    p = tracker.snapshot();
    QCOMPARE(p.timeline.size(), 1);
    QCOMPARE(p.timeline.at(0).secondsIntoLevel, 1.0);
    QCOMPARE(p.timeline.at(0).tokensPerSecond, 100.0);
    QCOMPARE(p.timeline.at(0).inFlight, 4);

    // A late tick closes two seconds: its events go to the first, none to the second.
    tracker.tick(start + 3 * kSecond + kSecond / 5, 500, 2);
    p = tracker.snapshot();
    QCOMPARE(p.timeline.size(), 3);
    QCOMPARE(p.timeline.at(1).secondsIntoLevel, 2.0);
    QCOMPARE(p.timeline.at(1).tokensPerSecond, 300.0);
    QCOMPARE(p.timeline.at(2).secondsIntoLevel, 3.0);
    QCOMPARE(p.timeline.at(2).tokensPerSecond, 0.0);
    // The live rate looks back about a second: from the tick at 1 s to the one at 3.2 s.
    QVERIFY(qFuzzyCompare(p.liveTokensPerSecond, 300.0 / 2.2));

    tracker.beginLevel(0, start + 4 * kSecond, 500); // a new level starts a new timeline
    QVERIFY(tracker.snapshot().timeline.isEmpty());
}

void TestProgressTracker::etaFromTheLevelsPace() {
    ProgressTracker tracker;
    tracker.beginRun({countLevel(0, 2, 0, 4), countLevel(1, 4, 0, 8)});
    tracker.beginLevel(0, 0, 0);
    tracker.onRecord(finished(0, kSecond));
    tracker.onRecord(finished(0, kSecond));
    tracker.tick(2 * kSecond, 0, 2);
    // This level: 2 of 4 done in 2 s, so 2 s more. The next: 8 requests of 1 s on 4
    // workers, so 2 s.
    QCOMPARE(tracker.snapshot().etaS, 4.0);
}

void TestProgressTracker::etaUnknownBeforeAnyRequest() {
    ProgressTracker tracker;
    tracker.beginRun({countLevel(0, 2, 0, 4)});
    tracker.beginLevel(0, 0, 0);
    tracker.tick(kSecond, 0, 2);
    QCOMPARE(tracker.snapshot().etaS, -1.0); // no request time measured yet
}

void TestProgressTracker::etaOfADurationLevel() {
    LevelSpec spec;
    spec.concurrency = 4;
    spec.durationS = 10.0;
    ProgressTracker tracker;
    tracker.beginRun({spec});
    tracker.beginLevel(0, 0, 0);
    QCOMPARE(tracker.snapshot().requestsPlanned, 0); // duration-bound: no count planned
    tracker.tick(4 * kSecond, 0, 4);
    QCOMPARE(tracker.snapshot().etaS, 6.0);
    tracker.onRecord(finished(4 * kSecond, 5 * kSecond)); // 1 s requests drain after the end
    tracker.tick(5 * kSecond, 0, 4);
    QCOMPARE(tracker.snapshot().etaS, 6.0);
}

void TestProgressTracker::endLevelClearsInFlight() {
    ProgressTracker tracker;
    tracker.beginRun({countLevel(0, 2, 0, 4)});
    tracker.beginLevel(0, kSecond, 0);
    tracker.tick(2 * kSecond, 10, 2);
    tracker.endLevel(4 * kSecond);
    QCOMPARE(tracker.snapshot().inFlight, 0);
    QCOMPARE(tracker.snapshot().levelElapsedS, 3.0);
}

// An embeddings run streams no tokens: the live rate is inputs answered over the last second
// (8 inputs a request), and failed requests' inputs are not counted.
void TestProgressTracker::embeddingsLiveRateCountsInputs() {
    ProgressTracker tracker;
    tracker.beginRun({countLevel(0, 4, 0, 100)});
    tracker.beginLevel(0, 0, 0);
    QVERIFY(!tracker.snapshot().embeddings);
    for (int i = 0; i < 5; ++i) {
        RequestRecord record =
            finished(0, kSecond / 2, false, i == 4 ? QStringLiteral("http_5xx") : QString());
        record.embeddingInputs = 8;
        tracker.onRecord(record);
    }
    tracker.tick(kSecond, 0, 4);
    const RunProgress p = tracker.snapshot();
    QVERIFY(p.embeddings);
    QCOMPARE(p.liveInputsPerSecond, 32.0);
    QCOMPARE(p.liveTokensPerSecond, 0.0);
}

QTEST_GUILESS_MAIN(TestProgressTracker)
#include "tst_progresstracker.moc"

// SummaryPacer (issue 17): a live run's summaries, whose cost grows with the level, take at
// most a fifth of their thread's time, and the next one waits its rest, no more.
#include "run/summarypacer.h"

#include <QTest>

class TestSummaryPacer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void restsFourTimesTheSummary() {
        SummaryPacer pacer;
        QVERIFY(pacer.due(0)); // nothing summarized yet: at once
        pacer.summarized(1000, 50);
        QCOMPARE(pacer.lastSummaryMs(), 50.0);
        QVERIFY(!pacer.due(1000));
        QVERIFY(!pacer.due(1199));
        QVERIFY(pacer.due(1200));
        pacer.summarized(5000, 0.2); // a quick one: hardly a rest
        QVERIFY(pacer.due(5000));
        pacer.summarized(6000, 300);
        pacer.reset(); // a new run
        QVERIFY(pacer.due(6001));
    }

    // A level whose summary costs more with every request (1 us each, 3,000 requests a
    // second, a refresh tick every 125 ms, as RunController's): over ten minutes the
    // summaries' share of their thread stays at or under a fifth, where back to back it reaches
    // nearly all of it.
    void aGrowingLevelTakesAFifthAtMost() {
        SummaryPacer pacer;
        qint64 busyUntilMs = 0;
        double busyMs = 0;
        for (qint64 nowMs = 0; nowMs <= 600'000; nowMs += 125) {
            if (nowMs < busyUntilMs || !pacer.due(nowMs))
                continue; // a summary is being made, or the pacer rests
            const double requests = 3.0 * double(nowMs);
            const double madeMs = requests * 0.001;
            busyUntilMs = nowMs + qint64(madeMs);
            busyMs += madeMs;
            pacer.summarized(busyUntilMs, madeMs);
        }
        const double share = busyMs / 600'000.0;
        QVERIFY2(share <= 0.21, qPrintable(QString::number(share))); // a fifth (back to back: 0.89)
        QVERIFY2(share > 0.1, qPrintable(QString::number(share)));   // it still summarizes
    }
};

QTEST_GUILESS_MAIN(TestSummaryPacer)
#include "tst_summarypacer.moc"

#include "transport/lagsampling.h"

#include <QTest>

namespace {
constexpr qint64 kMs = 1000000;

// A firing of a thread that slept the whole interval: on time, no CPU to speak of.
int quietFiring(LagSampling& sampling) {
    const qint64 span = qint64(sampling.intervalMs()) * kMs;
    return sampling.onFiring(50000, span, span / 1000);
}
} // namespace

class TestLagSampling : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void startsAtTheBasePeriod() {
        LagSampling sampling(10);
        QCOMPARE(sampling.baseMs(), 10);
        QCOMPARE(sampling.intervalMs(), 10);
        QCOMPARE(LagSampling(0).intervalMs(), 1); // a period is at least 1 ms
        QCOMPARE(LagSampling(-5).intervalMs(), 1);
    }

    // A quiet thread is probed half as often at each firing, down to kMaxStretch periods.
    void quietThreadIsProbedLessOften() {
        LagSampling sampling(10);
        QList<int> intervals;
        for (int i = 0; i < 6; ++i) {
            quietFiring(sampling);
            intervals.append(sampling.intervalMs());
        }
        QCOMPARE(intervals, (QList<int>{20, 40, 80, 80, 80, 80}));
        QCOMPARE(LagSampling::kMaxStretch * 10, 80);
    }

    // Each firing stands for the base periods of the interval it was armed with, so a
    // stretched probe weighs its samples as the 10 ms probe's would have been.
    void firingCountsForTheBasePeriodsItCovers() {
        LagSampling sampling(10);
        QList<int> copies;
        int periods = 0;
        for (int i = 0; i < 6; ++i) {
            periods += sampling.intervalMs() / sampling.baseMs();
            copies.append(quietFiring(sampling));
        }
        QCOMPARE(copies, (QList<int>{1, 2, 4, 8, 8, 8}));
        int total = 0;
        for (int c : copies)
            total += c;
        QCOMPARE(total, periods);
    }

    // A late firing (1 ms or more) snaps back to the base period; its own sample still
    // stands for the stretched interval it ended.
    void lateFiringReturnsToTheBasePeriod() {
        LagSampling sampling(10);
        for (int i = 0; i < 4; ++i)
            quietFiring(sampling);
        QCOMPARE(sampling.intervalMs(), 80);
        QCOMPARE(sampling.onFiring(LagSampling::kOnTimeNs, 81 * kMs, 0), 8);
        QCOMPARE(sampling.intervalMs(), 10);
        QCOMPARE(sampling.onFiring(LagSampling::kOnTimeNs - 1, 10 * kMs, 0), 1);
        QCOMPARE(sampling.intervalMs(), 20);
    }

    // A thread that worked (5% of the span or more) is probed at the base period: lag
    // matters when the loop has work, even if this firing happened to be on time.
    void busyThreadStaysAtTheBasePeriod() {
        LagSampling sampling(10);
        quietFiring(sampling);
        quietFiring(sampling);
        QCOMPARE(sampling.intervalMs(), 40);
        QCOMPARE(sampling.onFiring(0, 40 * kMs, 2 * kMs), 4); // exactly 5%: busy
        QCOMPARE(sampling.intervalMs(), 10);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(sampling.onFiring(0, 10 * kMs, 10 * kMs), 1);
            QCOMPARE(sampling.intervalMs(), 10);
        }
        QCOMPARE(sampling.onFiring(0, 10 * kMs, kMs / 2 - 1), 1); // under 5%: quiet
        QCOMPARE(sampling.intervalMs(), 20);
    }

    // No time between two firings says nothing about quiet: stay at the base period.
    void emptySpanIsNotQuiet() {
        LagSampling sampling(10);
        QCOMPARE(sampling.onFiring(0, 0, 0), 1);
        QCOMPARE(sampling.intervalMs(), 10);
    }
};

QTEST_APPLESS_MAIN(TestLagSampling)
#include "tst_lagsampling.moc"

#include "workload/reservoirsampler.h"

#include <QSet>
#include <QTest>

#include <cmath>

namespace {
QList<int> sample(int items, int capacity, bool withReplacement, quint64 seed,
                  bool shuffle = false) {
    ReservoirSampler<int> sampler(capacity, withReplacement, seed);
    for (int i = 0; i < items; ++i)
        sampler.offer(i);
    return sampler.take(shuffle);
}
} // namespace

class TestReservoirSampler : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void withoutReplacementHasNoDuplicates();
    void withoutReplacementIsUniform();
    void fewerItemsThanCapacity();
    void withReplacementDrawsExactlyCapacity();
    void withReplacementIsUniform();
    void withReplacementFromOneItem();
    void deterministicForASeed();
    void shuffleKeepsTheSameItems();
    void zeroCapacity();
};

void TestReservoirSampler::withoutReplacementHasNoDuplicates() {
    const QList<int> kept = sample(100000, 1000, false, 1);
    QCOMPARE(kept.size(), 1000);
    const QSet<int> distinct(kept.begin(), kept.end());
    QCOMPARE(distinct.size(), 1000);
    QVERIFY(std::is_sorted(kept.begin(), kept.end())); // stream order without shuffle
    QVERIFY(kept.last() > 90000);                      // the tail of the stream is represented
}

void TestReservoirSampler::withoutReplacementIsUniform() {
    // 4,000 samples of 5 out of 20: every item is kept 1,000 times on average (sd ≈ 27).
    QList<int> counts(20, 0);
    for (quint64 seed = 0; seed < 4000; ++seed) {
        for (int item : sample(20, 5, false, seed))
            ++counts[item];
    }
    for (int i = 0; i < 20; ++i)
        QVERIFY2(std::abs(counts[i] - 1000) < 140,
                 qPrintable(QStringLiteral("item %1: %2").arg(i).arg(counts[i])));
}

void TestReservoirSampler::fewerItemsThanCapacity() {
    QCOMPARE(sample(7, 10, false, 3), (QList<int>{0, 1, 2, 3, 4, 5, 6}));
}

void TestReservoirSampler::withReplacementDrawsExactlyCapacity() {
    const QList<int> kept = sample(10, 1000, true, 5);
    QCOMPARE(kept.size(), 1000);
    QList<int> counts(10, 0);
    for (int item : kept)
        ++counts[item];
    for (int i = 0; i < 10; ++i) // 100 each on average, sd ≈ 9.5
        QVERIFY2(std::abs(counts[i] - 100) < 50, qPrintable(QString::number(counts[i])));
}

void TestReservoirSampler::withReplacementIsUniform() {
    // Each slot must be uniform over the whole stream, also for the first and last items
    // (the geometric skips): 3 slots x 5,000 runs over 50 items = 300 per item (sd ≈ 17).
    QList<int> counts(50, 0);
    for (quint64 seed = 0; seed < 5000; ++seed) {
        for (int item : sample(50, 3, true, seed))
            ++counts[item];
    }
    for (int i = 0; i < 50; ++i)
        QVERIFY2(std::abs(counts[i] - 300) < 90,
                 qPrintable(QStringLiteral("item %1: %2").arg(i).arg(counts[i])));
}

void TestReservoirSampler::withReplacementFromOneItem() {
    QCOMPARE(sample(1, 4, true, 9), (QList<int>{0, 0, 0, 0}));
}

void TestReservoirSampler::deterministicForASeed() {
    QCOMPARE(sample(5000, 50, false, 42), sample(5000, 50, false, 42));
    QCOMPARE(sample(5000, 50, true, 42), sample(5000, 50, true, 42));
    QVERIFY(sample(5000, 50, false, 42) != sample(5000, 50, false, 43));
    QVERIFY(sample(5000, 50, true, 42) != sample(5000, 50, true, 43));
}

void TestReservoirSampler::shuffleKeepsTheSameItems() {
    QList<int> shuffled = sample(1000, 100, false, 8, true);
    const QList<int> ordered = sample(1000, 100, false, 8, false);
    QVERIFY(shuffled != ordered);
    std::sort(shuffled.begin(), shuffled.end());
    QCOMPARE(shuffled, ordered);
}

void TestReservoirSampler::zeroCapacity() {
    ReservoirSampler<int> sampler(0, false, 1);
    sampler.offer(1);
    sampler.offer(2);
    QCOMPARE(sampler.seen(), 2);
    QVERIFY(sampler.take(false).isEmpty());
}

QTEST_GUILESS_MAIN(TestReservoirSampler)
#include "tst_reservoirsampler.moc"

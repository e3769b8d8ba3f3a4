#include "models/lengthhistogram.h"

#include <QTest>

class TstLengthHistogram : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void emptyHasNoBins();
    void oneValueIsOneBin();
    void binsHaveRoundWidthsAndCountEveryValue();
    void percentilesAreNearestRank();
    void binWidthFitsTheSpan_data();
    void binWidthFitsTheSpan();
};

void TstLengthHistogram::emptyHasNoBins() {
    const LengthHistogram h = LengthHistogram::of({});
    QVERIFY(h.isEmpty());
    QVERIFY(h.bins().isEmpty());
    QCOMPARE(h.largestBinCount(), 0);
}

void TstLengthHistogram::oneValueIsOneBin() {
    const LengthHistogram h = LengthHistogram::of(QList<int>(2000, 512));
    QCOMPARE(h.bins().size(), 1);
    QCOMPARE(h.bins().constFirst(), (LengthHistogram::Bin{512, 512, 2000}));
    QCOMPARE(h.count(), 2000);
    QCOMPARE(h.mean(), 512.0);
    QCOMPARE(h.p50(), 512);
    QCOMPARE(h.p90(), 512);
}

void TstLengthHistogram::binsHaveRoundWidthsAndCountEveryValue() {
    QList<int> values;
    for (int v = 100; v <= 900; ++v)
        values << v;
    const LengthHistogram h = LengthHistogram::of(values, 20);
    // 801 values over 100..900 in at most 20 bins: width 50, bins [100, 149] ... [900, 949].
    QCOMPARE(h.bins().size(), 17);
    QCOMPARE(h.bins().constFirst(), (LengthHistogram::Bin{100, 149, 50}));
    QCOMPARE(h.bins().constLast(), (LengthHistogram::Bin{900, 949, 1}));
    qint64 total = 0;
    for (const LengthHistogram::Bin& bin : h.bins()) {
        QCOMPARE(bin.to - bin.from + 1, 50);
        total += bin.count;
    }
    QCOMPARE(total, values.size());
    QCOMPARE(h.largestBinCount(), 50);
    QCOMPARE(h.min(), 100);
    QCOMPARE(h.max(), 900);
    QCOMPARE(h.mean(), 500.0);
}

void TstLengthHistogram::percentilesAreNearestRank() {
    // 1..10 shuffled: p50 is the 5th value, p90 the 9th.
    const LengthHistogram h = LengthHistogram::of({7, 3, 10, 1, 9, 2, 8, 5, 4, 6});
    QCOMPARE(h.p50(), 5);
    QCOMPARE(h.p90(), 9);
    const LengthHistogram odd = LengthHistogram::of({30, 10, 20});
    QCOMPARE(odd.p50(), 20);
    QCOMPARE(odd.p90(), 30);
}

void TstLengthHistogram::binWidthFitsTheSpan_data() {
    QTest::addColumn<int>("min");
    QTest::addColumn<int>("max");
    QTest::addColumn<int>("bins");
    QTest::addColumn<int>("width");
    QTest::newRow("small span") << 1 << 10 << 24 << 1;
    QTest::newRow("two") << 1 << 40 << 24 << 2;
    QTest::newRow("five") << 0 << 99 << 24 << 5;
    QTest::newRow("offset start needs one more") << 19 << 58 << 20 << 5; // 15..55: 9 bins
    QTest::newRow("large") << 1 << 1000000 << 24 << 50000;
}

void TstLengthHistogram::binWidthFitsTheSpan() {
    QFETCH(int, min);
    QFETCH(int, max);
    QFETCH(int, bins);
    QFETCH(int, width);
    QCOMPARE(LengthHistogram::binWidth(min, max, bins), width);
    const int first = (min / width) * width;
    QVERIFY((max - first) / width + 1 <= bins);
}

QTEST_GUILESS_MAIN(TstLengthHistogram)
#include "tst_lengthhistogram.moc"

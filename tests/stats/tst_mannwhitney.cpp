#include "stats/mannwhitney.h"
#include "synthetic.h"

#include <QTest>
#include <cmath>

class TestMannWhitney : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // By hand: U = 27.5 (one tie at 3), mean 15, tie-corrected variance 29.8636, and with
    // the continuity correction z = (12.5 - 0.5) / sqrt(29.8636) = 2.19589, p = 0.02810.
    void knownAnswerWithTies() {
        const std::vector<double> base{1, 2, 3, 4, 5};
        const std::vector<double> cand{3, 6, 7, 8, 9, 10};
        const MannWhitneyResult r = MannWhitney::test(base, cand);
        QCOMPARE(r.u, 27.5);
        QVERIFY(std::fabs(r.z - 2.1958866) < 1e-6);
        QVERIFY(std::fabs(r.pValue - 0.0281001) < 1e-6);
        QVERIFY(r.significant);
        QVERIFY(std::fabs(r.probabilityGreater - 27.5 / 30.0) < 1e-12);
        QVERIFY(!r.note.empty()); // fewer than 10 a side
        const MannWhitneyResult swapped = MannWhitney::test(cand, base);
        QCOMPARE(swapped.u, 2.5);
        QVERIFY(std::fabs(swapped.z + r.z) < 1e-12);
    }

    void typeOneErrorNearFivePercent() {
        int rejected = 0;
        const int seeds = 400;
        for (int s = 0; s < seeds; ++s) {
            const auto a = synthetic::exponential(60, 1.0, synthetic::seed(s, 1));
            const auto b = synthetic::exponential(60, 1.0, synthetic::seed(s, 2));
            rejected += MannWhitney::test(a, b).significant ? 1 : 0;
        }
        const double rate = double(rejected) / seeds;
        QVERIFY2(rate >= 0.02 && rate <= 0.08, QByteArray::number(rate));
    }

    // A shift of 0.6 sd with 100 a side: z ~ 4.2, found nearly always; P(b > a) = 0.66.
    void findsAShift() {
        int found = 0;
        double probability = 0.0;
        const int seeds = 100;
        for (int s = 0; s < seeds; ++s) {
            const auto a = synthetic::normal(100, 100.0, 10.0, synthetic::seed(s, 1));
            const auto b = synthetic::normal(100, 106.0, 10.0, synthetic::seed(s, 2));
            const MannWhitneyResult r = MannWhitney::test(a, b);
            QVERIFY(r.note.empty());
            found += r.significant ? 1 : 0;
            probability += r.probabilityGreater / seeds;
        }
        QVERIFY2(found >= 90, QByteArray::number(found));
        QVERIFY2(std::fabs(probability - 0.664) < 0.03, QByteArray::number(probability));
    }

    void degenerateInputs() {
        const std::vector<double> same(20, 4.0);
        const MannWhitneyResult tied = MannWhitney::test(same, same);
        QVERIFY(!tied.significant);
        QVERIFY(tied.note.find("tied") != std::string::npos);
        QVERIFY(!MannWhitney::test({}, same).significant);
        const std::vector<double> withNaN{std::nan(""), 1, 2};
        QCOMPARE(MannWhitney::test(withNaN, same).u, 40.0); // 2 real base values x 20
    }
};

QTEST_APPLESS_MAIN(TestMannWhitney)
#include "tst_mannwhitney.moc"

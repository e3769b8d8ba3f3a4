#include "metrics/latencystats.h"
#include "stats/quantile.h"
#include "synthetic.h"

#include <QTest>
#include <algorithm>
#include <cmath>

class TestQuantile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // numpy.percentile(x, 100*q) with the default method, by hand.
    void numpyValues() {
        const std::vector<double> x{1, 2, 3, 4};
        QCOMPARE(Quantile::linearOfSorted(x, 0.5), 2.5);
        QCOMPARE(Quantile::linearOfSorted(x, 0.9), 3.7);
        QCOMPARE(Quantile::linearOfSorted(x, 0.0), 1.0);
        QCOMPARE(Quantile::linearOfSorted(x, 1.0), 4.0);
        QCOMPARE(Quantile::linearOfSorted(x, 1.5), 4.0); // clamped
        const std::vector<double> one{7};
        QCOMPARE(Quantile::linearOfSorted(one, 0.95), 7.0);
        QVERIFY(std::isnan(Quantile::linearOfSorted({}, 0.5)));
        QVERIFY(std::isnan(Quantile::linearOfSorted(x, std::nan(""))));
    }

    void inPlaceMatchesSorted() {
        for (int s = 0; s < 50; ++s) {
            std::vector<double> x =
                synthetic::exponential(std::size_t(1 + s * 7), 1.0, synthetic::seed(s));
            std::vector<double> sorted = x;
            std::sort(sorted.begin(), sorted.end());
            for (double q : {0.0, 0.01, 0.5, 0.9, 0.95, 0.99, 1.0}) {
                std::vector<double> work = x;
                QCOMPARE(Quantile::linearInPlace(work, q), Quantile::linearOfSorted(sorted, q));
            }
        }
        std::vector<double> empty;
        QVERIFY(std::isnan(Quantile::linearInPlace(empty, 0.5)));
    }

    // The same numbers as the latency tables, bit for bit, so LatencyStats can delegate here.
    void matchesLatencyStats() {
        for (int s = 0; s < 30; ++s) {
            const std::vector<double> x =
                synthetic::exponential(std::size_t(1 + s * 13), 0.01, synthetic::seed(s, 5));
            std::vector<double> sorted = x;
            std::sort(sorted.begin(), sorted.end());
            const QList<double> list(sorted.begin(), sorted.end());
            for (double q : {0.5, 0.9, 0.95, 0.99, 0.999}) {
                const double ours = Quantile::linearOfSorted(sorted, q);
                const double theirs = LatencyStats::percentileOfSorted(list, q * 100.0);
                QCOMPARE(ours, theirs);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestQuantile)
#include "tst_quantile.moc"

#include "load/arrivalprocess.h"

#include <QTest>
#include <cmath>

class TestArrivalProcess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void meanAndVariability_data();
    void meanAndVariability();
    void sameSeedSameSchedule();
};

void TestArrivalProcess::meanAndVariability_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("burstiness");
    QTest::addColumn<double>("expectedCv");
    const int poisson = int(SweepPlan::Arrival::Poisson);
    const int gamma = int(SweepPlan::Arrival::Gamma);
    QTest::newRow("poisson 10/s") << poisson << 10.0 << 1.0 << 1.0;
    // Poisson ignores burstiness.
    QTest::newRow("poisson ignores burstiness") << poisson << 200.0 << 0.25 << 1.0;
    QTest::newRow("gamma k=1 is poisson") << gamma << 50.0 << 1.0 << 1.0;
    QTest::newRow("gamma bursty k=0.25") << gamma << 50.0 << 0.25 << 2.0;
    QTest::newRow("gamma regular k=4") << gamma << 5.0 << 4.0 << 0.5;
}

void TestArrivalProcess::meanAndVariability() {
    QFETCH(int, kind);
    QFETCH(double, rate);
    QFETCH(double, burstiness);
    QFETCH(double, expectedCv);
    ArrivalProcess process(SweepPlan::Arrival(kind), rate, burstiness, 7);
    constexpr int n = 200000;
    double sum = 0.0;
    double sumSq = 0.0;
    for (int i = 0; i < n; ++i) {
        const double gap = double(process.nextGapNs()) / 1e9;
        QVERIFY(gap >= 0.0);
        sum += gap;
        sumSq += gap * gap;
    }
    const double mean = sum / n;
    const double cv = std::sqrt(sumSq / n - mean * mean) / mean;
    // 200k samples: the sample mean is within ~1% (a few standard errors) of 1/rate.
    QVERIFY2(std::abs(mean * rate - 1.0) < 0.02, qPrintable(QString::number(mean * rate)));
    QVERIFY2(std::abs(cv - expectedCv) < 0.05 * expectedCv, qPrintable(QString::number(cv)));
}

void TestArrivalProcess::sameSeedSameSchedule() {
    ArrivalProcess a(SweepPlan::Arrival::Gamma, 20.0, 0.5, 99);
    ArrivalProcess b(SweepPlan::Arrival::Gamma, 20.0, 0.5, 99);
    ArrivalProcess c(SweepPlan::Arrival::Gamma, 20.0, 0.5, 100);
    bool differs = false;
    for (int i = 0; i < 100; ++i) {
        const qint64 gap = a.nextGapNs();
        QCOMPARE(b.nextGapNs(), gap);
        differs = differs || c.nextGapNs() != gap;
    }
    QVERIFY(differs);
}

QTEST_GUILESS_MAIN(TestArrivalProcess)
#include "tst_arrivalprocess.moc"

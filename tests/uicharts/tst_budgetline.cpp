#include "charts/budgetline.h"

#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(LatencyBudget)

class TestBudgetLine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void choose_data();
    void choose();
};

namespace {
LatencyBudget budgetOf(const QList<LatencyLimit>& limits) {
    LatencyBudget budget;
    budget.limits = limits;
    return budget;
}
} // namespace

void TestBudgetLine::choose_data() {
    QTest::addColumn<LatencyBudget>("budget");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QString>("stat");
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("limitMs");
    QTest::addColumn<QString>("legend");
    QTest::addColumn<QString>("note");

    const LatencyLimit ttft95{LatencyMetric::Ttft, LatencyStat::P95, 500.0};
    const LatencyLimit e2e95{LatencyMetric::E2e, LatencyStat::P95, 3000.0};
    const LatencyLimit ttft50{LatencyMetric::Ttft, LatencyStat::P50, 200.0};
    const int none = int(BudgetLine::Kind::None);
    const int exact = int(BudgetLine::Kind::Exact);
    const int other = int(BudgetLine::Kind::OtherStat);

    QTest::newRow("no budget") << LatencyBudget() << u"e2e"_s << u"p50"_s << none << 0.0
                               << QString() << QString();
    QTest::newRow("exact") << budgetOf({ttft95}) << u"ttft"_s << u"p95"_s << exact << 500.0
                           << u"Budget TTFT p95 ≤ 500 ms"_s << QString();
    QTest::newRow("other stat, lower")
        << budgetOf({ttft95}) << u"ttft"_s << u"p50"_s << other << 500.0
        << u"Budget TTFT p95 ≤ 500 ms"_s
        << u"Dotted: a p95 limit on a p50 axis: points right of it fail it, points left may too"_s;
    QTest::newRow("other stat, higher")
        << budgetOf({ttft95}) << u"ttft"_s << u"p99"_s << other << 500.0
        << u"Budget TTFT p95 ≤ 500 ms"_s
        << u"Dotted: a p95 limit on a p99 axis: points left of it meet it, points right may too"_s;
    QTest::newRow("mean limit")
        << budgetOf({{LatencyMetric::Tpot, LatencyStat::Mean, 50.0}}) << u"tpot"_s << u"p90"_s
        << other << 50.0 << u"Budget TPOT mean ≤ 50 ms"_s
        << u"Dotted: a mean limit on a p90 axis: a guide, not the boundary"_s;
    QTest::newRow("other metric")
        << budgetOf({ttft95, e2e95}) << u"tpot"_s << u"p50"_s << none << 0.0 << QString()
        << u"Budget TTFT p95 ≤ 500 ms, E2E p95 ≤ 3,000 ms: choose TTFT on the x axis to draw it"_s;
    QTest::newRow("second limit matches")
        << budgetOf({ttft95, e2e95}) << u"e2e"_s << u"p95"_s << exact << 3000.0
        << u"Budget E2E p95 ≤ 3,000 ms"_s << QString();
    // Two limits on the metric: the one on the axis' statistic wins, wherever it is.
    QTest::newRow("exact beats earlier other")
        << budgetOf({ttft95, ttft50}) << u"ttft"_s << u"p50"_s << exact << 200.0
        << u"Budget TTFT p50 ≤ 200 ms"_s << QString();
}

void TestBudgetLine::choose() {
    QFETCH(LatencyBudget, budget);
    QFETCH(QString, metric);
    QFETCH(QString, stat);
    QFETCH(int, kind);
    QFETCH(double, limitMs);
    QFETCH(QString, legend);
    QFETCH(QString, note);
    const BudgetLine line = BudgetLine::choose(budget, *LatencyNames::metricFromKey(metric),
                                               *LatencyNames::statFromKey(stat));
    QCOMPARE(int(line.kind()), kind);
    QCOMPARE(line.drawable(), kind != int(BudgetLine::Kind::None));
    if (line.drawable())
        QCOMPARE(line.limitMs(), limitMs);
    QCOMPARE(line.legendText(), legend);
    QCOMPARE(line.noteText(), note);
}

QTEST_GUILESS_MAIN(TestBudgetLine)
#include "tst_budgetline.moc"

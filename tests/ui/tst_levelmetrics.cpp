// LevelMetrics reads a level by the core's LatencyMetric / LatencyStat; the keys ("ttft",
// "p95") of settings and budget limits map through LatencyNames to the same figures.

#include "models/levelmetrics.h"

#include <QTest>

#include <cmath>

class TestLevelMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void typedAndKeyedReadsAgree();
    void namesForPeople();
};

void TestLevelMetrics::typedAndKeyedReadsAgree() {
    LevelSummary level;
    level.ttftMs.p95 = 120.0;
    level.ttftMs.p50 = 80.0;
    level.e2eMs.p99 = 900.0;
    level.itlMs.mean = 12.0;
    level.queueMs.max = 3.0;
    QCOMPARE(LevelMetrics::value(level, LatencyMetric::Ttft, LatencyStat::P95), 120.0);
    QCOMPARE(LevelMetrics::value(level, QStringLiteral("ttft"), QStringLiteral("p95")), 120.0);
    QCOMPARE(LevelMetrics::value(level, QStringLiteral("ttft"), QStringLiteral("median")), 80.0);
    QCOMPARE(LevelMetrics::value(level, QStringLiteral("e2e"), QStringLiteral("p99")), 900.0);
    QCOMPARE(LevelMetrics::value(level, QStringLiteral("itl"), QStringLiteral("mean")), 12.0);
    QCOMPARE(LevelMetrics::value(level, LatencyMetric::Queue, LatencyStat::Max), 3.0);
    QCOMPARE(LevelMetrics::stats(level, LatencyMetric::Tpot), &level.tpotMs);
    QCOMPARE(LevelMetrics::stats(level, QStringLiteral("ttfe")), &level.ttfeMs);
    QVERIFY(!LevelMetrics::stats(level, QStringLiteral("nonsense")));
    QVERIFY(std::isnan(LevelMetrics::value(level, QStringLiteral("ttft"), QStringLiteral("p42"))));
    QCOMPARE(LatencyNames::keys(LevelMetrics::chartMetrics()),
             (QStringList{QStringLiteral("e2e"), QStringLiteral("ttft"), QStringLiteral("tpot")}));
    QCOMPARE(LatencyNames::keys(LevelMetrics::chartStats()),
             (QStringList{QStringLiteral("p50"), QStringLiteral("p90"), QStringLiteral("p95"),
                          QStringLiteral("p99")}));
}

void TestLevelMetrics::namesForPeople() {
    QCOMPARE(LevelMetrics::metricShort(QStringLiteral("ttft")), QStringLiteral("TTFT"));
    QCOMPARE(LevelMetrics::metricShort(QStringLiteral("e2e")), QStringLiteral("E2E"));
    QCOMPARE(LevelMetrics::metricShort(QStringLiteral("itl")), QStringLiteral("ITL"));
    QCOMPARE(LevelMetrics::metricShort(QStringLiteral("queue")), QStringLiteral("Queue"));
    QCOMPARE(LevelMetrics::metricShort(QStringLiteral("ttfb")), QStringLiteral("TTFB"));
    QCOMPARE(LevelMetrics::metricShort(QStringLiteral("xyz")), QStringLiteral("XYZ"));
    QCOMPARE(LevelMetrics::metricTitle(LatencyMetric::E2e), QStringLiteral("E2E latency"));
    QCOMPARE(LevelMetrics::metricTitle(LatencyMetric::Itl), QStringLiteral("ITL"));
    QCOMPARE(LevelMetrics::axisTitle(LatencyMetric::Ttft, LatencyStat::P95),
             QStringLiteral("TTFT p95"));
    LatencyLimit limit{LatencyMetric::Tpot, LatencyStat::P99, 50.0};
    QVERIFY2(LevelMetrics::limitText(limit).startsWith(u"TPOT p99 ≤ "),
             qPrintable(LevelMetrics::limitText(limit)));
}

QTEST_MAIN(TestLevelMetrics)
#include "tst_levelmetrics.moc"

#include "profile/latencymetric.h"

#include <QTest>

// The one mapping between the latency enums and the strings of files, flags and the GUI.
class TestLatencyMetric : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void metricKeysAreTheFileStrings();
    void statKeysAreTheFileStrings();
    void everyKeyReadsBack();
    void unknownKeysAreRefused();
    void displayNames();
    void quantiles();
    void budgetLists();
};

void TestLatencyMetric::metricKeysAreTheFileStrings() {
    QCOMPARE(LatencyNames::key(LatencyMetric::Ttft), QStringLiteral("ttft"));
    QCOMPARE(LatencyNames::key(LatencyMetric::Tpot), QStringLiteral("tpot"));
    QCOMPARE(LatencyNames::key(LatencyMetric::E2e), QStringLiteral("e2e"));
    QCOMPARE(LatencyNames::key(LatencyMetric::Itl), QStringLiteral("itl"));
    QCOMPARE(LatencyNames::key(LatencyMetric::Queue), QStringLiteral("queue"));
    QCOMPARE(LatencyNames::key(LatencyMetric::Ttfb), QStringLiteral("ttfb"));
    QCOMPARE(LatencyNames::key(LatencyMetric::Ttfe), QStringLiteral("ttfe"));
}

void TestLatencyMetric::statKeysAreTheFileStrings() {
    QCOMPARE(LatencyNames::key(LatencyStat::Mean), QStringLiteral("mean"));
    QCOMPARE(LatencyNames::key(LatencyStat::P50), QStringLiteral("p50"));
    QCOMPARE(LatencyNames::key(LatencyStat::P90), QStringLiteral("p90"));
    QCOMPARE(LatencyNames::key(LatencyStat::P95), QStringLiteral("p95"));
    QCOMPARE(LatencyNames::key(LatencyStat::P99), QStringLiteral("p99"));
    QCOMPARE(LatencyNames::key(LatencyStat::Max), QStringLiteral("max"));
    QCOMPARE(LatencyNames::key(LatencyStat::Min), QStringLiteral("min"));
    QCOMPARE(LatencyNames::key(LatencyStat::Std), QStringLiteral("std"));
    QCOMPARE(LatencyNames::key(LatencyStat::Count), QStringLiteral("count"));
}

void TestLatencyMetric::everyKeyReadsBack() {
    for (LatencyMetric m :
         {LatencyMetric::Ttft, LatencyMetric::Tpot, LatencyMetric::E2e, LatencyMetric::Itl,
          LatencyMetric::Queue, LatencyMetric::Ttfb, LatencyMetric::Ttfe})
        QCOMPARE(LatencyNames::metricFromKey(LatencyNames::key(m)), std::optional(m));
    for (LatencyStat s :
         {LatencyStat::Mean, LatencyStat::P50, LatencyStat::P90, LatencyStat::P95, LatencyStat::P99,
          LatencyStat::Max, LatencyStat::Min, LatencyStat::Std, LatencyStat::Count})
        QCOMPARE(LatencyNames::statFromKey(LatencyNames::key(s)), std::optional(s));
    QCOMPARE(LatencyNames::statFromKey(QStringLiteral("median")), std::optional(LatencyStat::P50));
}

void TestLatencyMetric::unknownKeysAreRefused() {
    // Case matters: the files write lower case, the CLI lowers what the user typed.
    for (const char* key : {"", "TTFT", "e2e_ms", "latency", "ttft "})
        QVERIFY2(!LatencyNames::metricFromKey(QLatin1String(key)).has_value(), key);
    for (const char* key : {"", "P95", "p95.5", "p999", "avg"})
        QVERIFY2(!LatencyNames::statFromKey(QLatin1String(key)).has_value(), key);
}

void TestLatencyMetric::displayNames() {
    QCOMPARE(LatencyNames::displayName(LatencyMetric::Ttft), QStringLiteral("TTFT"));
    QCOMPARE(LatencyNames::displayName(LatencyMetric::Itl), QStringLiteral("ITL"));
    QCOMPARE(LatencyNames::displayName(LatencyMetric::E2e), QStringLiteral("e2e"));
    QCOMPARE(LatencyNames::displayName(LatencyMetric::Queue), QStringLiteral("queue"));
    QCOMPARE(LatencyNames::displayName(LatencyMetric::Ttft, LatencyStat::P95),
             QStringLiteral("TTFT p95"));
    QCOMPARE(LatencyNames::displayName(LatencyMetric::E2e, LatencyStat::P99),
             QStringLiteral("e2e p99"));
}

void TestLatencyMetric::quantiles() {
    QCOMPARE(LatencyNames::quantile(LatencyStat::P50), std::optional(0.50));
    QCOMPARE(LatencyNames::quantile(LatencyStat::P99), std::optional(0.99));
    QVERIFY(!LatencyNames::quantile(LatencyStat::Mean).has_value());
    QVERIFY(!LatencyNames::quantile(LatencyStat::Max).has_value());
}

void TestLatencyMetric::budgetLists() {
    QCOMPARE(LatencyNames::keys(LatencyNames::budgetMetrics()),
             QStringList({QStringLiteral("ttft"), QStringLiteral("tpot"), QStringLiteral("e2e"),
                          QStringLiteral("itl")}));
    QCOMPARE(LatencyNames::keys(LatencyNames::budgetStats()),
             QStringList({QStringLiteral("mean"), QStringLiteral("p50"), QStringLiteral("p90"),
                          QStringLiteral("p95"), QStringLiteral("p99"), QStringLiteral("max")}));
}

QTEST_GUILESS_MAIN(TestLatencyMetric)
#include "tst_latencymetric.moc"

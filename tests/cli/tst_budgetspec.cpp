#include "cli/budgetspec.h"

#include <QTest>

class TestBudgetSpec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesLimits_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("stat");
        QTest::addColumn<double>("maxMs");
        QTest::newRow("plain") << "ttft:p95<=500"
                               << "ttft"
                               << "p95" << 500.0;
        QTest::newRow("spaces") << "  e2e : p50 <= 1200 "
                                << "e2e"
                                << "p50" << 1200.0;
        QTest::newRow("ms suffix") << "tpot:mean<=42.5ms"
                                   << "tpot"
                                   << "mean" << 42.5;
        QTest::newRow("seconds") << "e2e:p99<=10s"
                                 << "e2e"
                                 << "p99" << 10000.0;
        QTest::newRow("upper case") << "ITL:MAX<20"
                                    << "itl"
                                    << "max" << 20.0;
    }
    void parsesLimits() {
        QFETCH(QString, text);
        QString error;
        const auto budget = BudgetSpec::parse(text, &error);
        QVERIFY2(budget.has_value(), qPrintable(error));
        QCOMPARE(budget->limits.size(), 1);
        QFETCH(QString, metric);
        QFETCH(QString, stat);
        QFETCH(double, maxMs);
        QCOMPARE(LatencyNames::key(budget->limits.first().metric), metric);
        QCOMPARE(LatencyNames::key(budget->limits.first().stat), stat);
        QCOMPARE(budget->limits.first().maxMs, maxMs);
    }
    void parsesSeveralAndRoundTrips() {
        QString error;
        const auto budget =
            BudgetSpec::parse(QStringLiteral("ttft:p95<=500,tpot:p50<=50,e2e:p95<=10s"), &error);
        QVERIFY2(budget.has_value(), qPrintable(error));
        QCOMPARE(budget->limits.size(), 3);
        QCOMPARE(budget->limits.at(2).maxMs, 10000.0);
        QCOMPARE(BudgetSpec::format(*budget),
                 QStringLiteral("ttft:p95<=500,tpot:p50<=50,e2e:p95<=10000"));
        const auto again = BudgetSpec::parse(BudgetSpec::format(*budget), &error);
        QVERIFY(again.has_value());
        QCOMPARE(*again, *budget);
    }
    void emptyTextIsEmptyBudget() {
        QString error;
        const auto budget = BudgetSpec::parse(QStringLiteral("  "), &error);
        QVERIFY(budget.has_value());
        QVERIFY(budget->isEmpty());
    }
    void rejects_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no operator") << "ttft:p95 500"
                                     << "ttft:p95 500";
        QTest::newRow("unknown metric") << "latency:p95<=5"
                                        << "latency";
        QTest::newRow("unknown stat") << "ttft:p42<=5"
                                      << "p42";
        QTest::newRow("zero") << "ttft:p95<=0"
                              << "above 0";
        QTest::newRow("trailing comma junk") << "ttft:p95<=5,x"
                                             << "\"x\"";
        QTest::newRow("greater than") << "ttft:p95>=5"
                                      << "ttft:p95>=5";
    }
    void rejects() {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!BudgetSpec::parse(text, &error).has_value());
        QVERIFY2(error.startsWith(QLatin1String("--budget")), qPrintable(error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestBudgetSpec)
#include "tst_budgetspec.moc"

#include "metrics/budgetevaluator.h"
#include "synthrecords.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// Written as the profile writes it ("ttft", "p95"): the rows read like the budgets they test.
LatencyLimit limit(const QString& metric, const QString& stat, double maxMs) {
    return {*LatencyNames::metricFromKey(metric), *LatencyNames::statFromKey(stat), maxMs};
}

LevelSummary level(int index, double tps, double ttftP95) {
    LevelSummary l;
    l.index = index;
    l.concurrency = 1 << index;
    l.requests = l.successes = 10;
    l.outputThroughputTps = tps;
    l.ttftMs.count = 10;
    l.ttftMs.p95 = ttftP95;
    return l;
}
} // namespace

Q_DECLARE_METATYPE(LatencyBudget)

class TestBudgetEvaluator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void levelViolations_data() {
        QTest::addColumn<LatencyBudget>("budget");
        QTest::addColumn<QStringList>("violations");
        // The level: TTFT p95 612.3, TPOT p50 45, e2e p95 9000 ms, ITL never measured.
        QTest::newRow("no budget") << LatencyBudget() << QStringList();
        QTest::newRow("TTFT p95 over") << LatencyBudget{{limit(u"ttft"_s, u"p95"_s, 500)}}
                                       << QStringList{u"TTFT p95 612 ms > 500 ms"_s};
        QTest::newRow("all met") << LatencyBudget{{limit(u"ttft"_s, u"p95"_s, 700),
                                                   limit(u"tpot"_s, u"p50"_s, 50),
                                                   limit(u"e2e"_s, u"p95"_s, 10000)}}
                                 << QStringList();
        QTest::newRow("two broken")
            << LatencyBudget{{limit(u"ttft"_s, u"p95"_s, 500), limit(u"tpot"_s, u"p50"_s, 50),
                              limit(u"e2e"_s, u"p95"_s, 5000)}}
            << QStringList{u"TTFT p95 612 ms > 500 ms"_s, u"e2e p95 9000 ms > 5000 ms"_s};
        // Never prints "612 ms > 612 ms": more decimals until the value prints above.
        QTest::newRow("just over") << LatencyBudget{{limit(u"ttft"_s, u"p95"_s, 612)}}
                                   << QStringList{u"TTFT p95 612.3 ms > 612 ms"_s};
        QTest::newRow("small values") << LatencyBudget{{limit(u"tpot"_s, u"p50"_s, 4.5)}}
                                      << QStringList{u"TPOT p50 45 ms > 4.5 ms"_s};
        // One-token answers have no ITL: a limit on it cannot be broken.
        QTest::newRow("ITL not applicable")
            << LatencyBudget{{limit(u"itl"_s, u"p99"_s, 1)}} << QStringList();
        QTest::newRow("stat not measured")
            << LatencyBudget{{limit(u"ttft"_s, u"p99"_s, 100)}}
            << QStringList{u"TTFT p99 not measured (limit 100 ms)"_s};
    }
    void levelViolations() {
        QFETCH(LatencyBudget, budget);
        QFETCH(QStringList, violations);
        LevelSummary l = level(0, 100, 612.3);
        l.tpotMs.count = 10;
        l.tpotMs.p50 = 45;
        l.e2eMs.count = 10;
        l.e2eMs.p95 = 9000;
        QCOMPARE(BudgetEvaluator::violations(l, budget), violations);
        QCOMPARE(BudgetEvaluator::levelMeets(l, budget), violations.isEmpty());
    }

    // An embeddings level has no TTFT/TPOT/ITL (NaN, never 0): the default budget's TTFT limit
    // must not mark it "not measured", while its e2e limit still decides.
    void embeddingsLevelSkipsTokenTimingLimits() {
        LevelSummary l = level(0, 0, qQNaN());
        l.embeddings = true;
        l.ttftMs.count = 0;
        l.e2eMs.count = 10;
        l.e2eMs.p95 = 180;
        const LatencyBudget tokenOnly{
            {limit(u"ttft"_s, u"p95"_s, 500), limit(u"tpot"_s, u"p50"_s, 50)}};
        QCOMPARE(BudgetEvaluator::violations(l, tokenOnly), QStringList());
        const LatencyBudget withE2e{
            {limit(u"ttft"_s, u"p95"_s, 500), limit(u"e2e"_s, u"p95"_s, 100)}};
        QCOMPARE(BudgetEvaluator::violations(l, withE2e),
                 QStringList{u"e2e p95 180 ms > 100 ms"_s});
        // The same level read as a token stream: the missing TTFT is reported.
        l.embeddings = false;
        QCOMPARE(BudgetEvaluator::violations(l, tokenOnly),
                 QStringList{u"TTFT p95 not measured (limit 500 ms)"_s});

        RequestRecord r = Synth::stream(0, 1, 10);
        r.embeddingInputs = 8;
        r.tFirstContentNs = -1; // no first token in an embeddings answer
        QVERIFY(BudgetEvaluator::requestMeets(r, tokenOnly));
    }

    void levelWithoutSuccessesFailsAnyBudget() {
        LevelSummary l;
        l.requests = 5;
        const LatencyBudget budget{{limit(u"ttft"_s, u"p95"_s, 500)}};
        QVERIFY(!BudgetEvaluator::levelMeets(l, budget));
        QCOMPARE(BudgetEvaluator::violations(l, budget), QStringList{u"no successful request"_s});
        QVERIFY(BudgetEvaluator::levelMeets(l, LatencyBudget()));
    }

    void requestMeets_data() {
        QTest::addColumn<LatencyBudget>("budget");
        QTest::addColumn<int>("events");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("meets");
        // Stream of `events` content events 10 ms apart: TTFT 10, TPOT 10, gaps 10,
        // e2e 10 * events.
        QTest::newRow("no budget") << LatencyBudget() << 5 << true << true;
        QTest::newRow("TTFT at the limit")
            << LatencyBudget{{limit(u"ttft"_s, u"p95"_s, 10)}} << 5 << true << true;
        QTest::newRow("TTFT over")
            << LatencyBudget{{limit(u"ttft"_s, u"p95"_s, 9.9)}} << 5 << true << false;
        QTest::newRow("TPOT over")
            << LatencyBudget{{limit(u"tpot"_s, u"p50"_s, 9)}} << 5 << true << false;
        QTest::newRow("e2e over") << LatencyBudget{{limit(u"e2e"_s, u"p95"_s, 49)}} << 5 << true
                                  << false;
        QTest::newRow("ITL within (own gaps)")
            << LatencyBudget{{limit(u"itl"_s, u"p99"_s, 10)}} << 5 << true << true;
        QTest::newRow("one token: TPOT does not apply")
            << LatencyBudget{{limit(u"tpot"_s, u"p50"_s, 1)}} << 1 << true << true;
        QTest::newRow("failed request") << LatencyBudget() << 5 << false << false;
        QTest::newRow("second limit broken")
            << LatencyBudget{{limit(u"ttft"_s, u"p95"_s, 100), limit(u"e2e"_s, u"p50"_s, 40)}} << 5
            << true << false;
    }
    void requestMeets() {
        QFETCH(LatencyBudget, budget);
        QFETCH(int, events);
        QFETCH(bool, ok);
        RequestRecord r = Synth::stream(0, events, 10);
        if (!ok)
            r.error = ErrorClass::Reset;
        QTEST(BudgetEvaluator::requestMeets(r, budget), "meets");
    }

    void best_data() {
        QTest::addColumn<LatencyBudget>("budget");
        QTest::addColumn<QList<double>>("tps");
        QTest::addColumn<QList<double>>("ttftP95");
        QTest::addColumn<bool>("hasBudget");
        QTest::addColumn<int>("best"); // LevelSummary::index (levels are numbered from 10)
        const LatencyBudget b{{limit(u"ttft"_s, u"p95"_s, 500)}};
        QTest::newRow("highest throughput inside")
            << b << QList<double>{100, 200, 300, 250} << QList<double>{100, 200, 600, 400} << true
            << 13;
        QTest::newRow("all inside: the top")
            << b << QList<double>{100, 200, 300, 250} << QList<double>{1, 2, 3, 4} << true << 12;
        QTest::newRow("none inside")
            << b << QList<double>{100, 200} << QList<double>{501, 900} << true << -1;
        QTest::newRow("tie: the lighter level")
            << b << QList<double>{100, 200, 200} << QList<double>{1, 2, 3} << true << 11;
        QTest::newRow("no throughput measured skipped")
            << b << QList<double>{100, qQNaN()} << QList<double>{1, 2} << true << 10;
        QTest::newRow("no budget")
            << LatencyBudget() << QList<double>{100, 200} << QList<double>{1, 2} << false << -1;
    }
    // A level that never held its target, or where every request failed, is never the
    // best within budget, however good its figures look (issue 10: "best within budget
    // c=128" from a plan of 2 requests per level).
    void bestSkipsInconclusiveLevels() {
        const LatencyBudget b{{limit(u"ttft"_s, u"p95"_s, 500)}};
        LevelSummary starved = level(12, 900, 50);
        starved.targetUnreachable = u"plan"_s;
        LevelSummary failed = level(13, 0, qQNaN());
        failed.successes = 0;
        QCOMPARE(
            BudgetEvaluator::best({level(10, 100, 100), level(11, 200, 200), starved, failed}, b)
                .bestLevel,
            11);
    }
    void best() {
        QFETCH(LatencyBudget, budget);
        QFETCH(QList<double>, tps);
        QFETCH(QList<double>, ttftP95);
        QList<LevelSummary> levels;
        for (int i = 0; i < tps.size(); ++i)
            levels.append(level(10 + i, tps.at(i), ttftP95.at(i)));
        const BudgetResult r = BudgetEvaluator::best(levels, budget);
        QTEST(r.hasBudget, "hasBudget");
        QTEST(r.bestLevel, "best");
    }
};

QTEST_GUILESS_MAIN(TestBudgetEvaluator)
#include "tst_budgetevaluator.moc"

// The summary's sentence on why the plateau is where it is, from the server's figures
// (issue 12): a full KV cache first, then a batch limit with a queue behind it, then compute;
// nothing when the server was not scraped, there is no plateau, or its figures do not tell.

#include "results/serverplateauexplanation.h"

#include <QTest>

namespace {
struct LevelFigures {
    int concurrency;
    double running;
    double waiting;
    double kv;
    double preemptions;
};

RunResult sweep(const QList<LevelFigures>& levels, int plateauFrom) {
    RunResult result;
    result.serverMetrics.enabled = true;
    for (int i = 0; i < levels.size(); ++i) {
        LevelSummary summary;
        summary.index = i;
        summary.concurrency = levels.at(i).concurrency;
        result.summary.levels.append(summary);
        ServerLevelFigures figures;
        figures.index = i;
        figures.runningMean = levels.at(i).running;
        figures.waitingMean = levels.at(i).waiting;
        figures.kvUsageMax = levels.at(i).kv;
        figures.preemptions = levels.at(i).preemptions;
        result.serverMetrics.levels.append(figures);
    }
    result.summary.plateau.plateaued = plateauFrom >= 0;
    result.summary.plateau.plateauFromLevel = plateauFrom;
    return result;
}
} // namespace

class TestServerPlateauExplanation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void batchLimit();
    void fullKvCache();
    void computeBound();
    void nothingToSay();
};

void TestServerPlateauExplanation::batchLimit() {
    const RunResult result =
        sweep({{16, 16, 0, 0.2, 0}, {64, 63.8, 0.1, 0.5, 0}, {128, 64, 63.6, 0.5, 0}}, 1);
    QCOMPARE(ServerPlateauExplanation::sentence(result),
             QStringLiteral("From c=64 the server runs 64 sequences and queues the rest (waiting "
                            "≈ 64 at c=128): its batch limit is the plateau."));
}

void TestServerPlateauExplanation::fullKvCache() {
    const RunResult result =
        sweep({{16, 16, 0, 0.6, 0}, {48, 40, 8, 0.981, 3}, {96, 40, 56, 0.99, 9}}, 1);
    QCOMPARE(ServerPlateauExplanation::sentence(result),
             QStringLiteral("KV cache at 98% from c=48: memory, not compute, limits throughput "
                            "(12 preemptions)."));
}

void TestServerPlateauExplanation::computeBound() {
    const RunResult result =
        sweep({{16, 16, 0, 0.1, 0}, {64, 64, 0, 0.3, 0}, {128, 128, 0, 0.5, 0}}, 1);
    QVERIFY2(ServerPlateauExplanation::sentence(result).startsWith(
                 QStringLiteral("From c=64 the server admits every request (waiting 0, 128 "
                                "running at c=128)")),
             qPrintable(ServerPlateauExplanation::sentence(result)));
}

void TestServerPlateauExplanation::nothingToSay() {
    RunResult result = sweep({{16, 16, 0, 0.2, 0}, {64, 64, 30, 0.5, 0}}, -1);
    QVERIFY(ServerPlateauExplanation::sentence(result).isEmpty()); // no plateau
    result = sweep({{16, 16, 0, 0.2, 0}, {64, 64, 30, 0.5, 0}}, 1);
    result.serverMetrics.enabled = false;
    QVERIFY(ServerPlateauExplanation::sentence(result).isEmpty()); // not scraped
    result = sweep({{16, 16, 0, 0.2, 0}, {64, 30, 10, 0.5, 0}, {128, 50, 20, 0.5, 0}}, 1);
    QVERIFY(ServerPlateauExplanation::sentence(result).isEmpty()); // running moved, queue too
}

QTEST_GUILESS_MAIN(TestServerPlateauExplanation)
#include "tst_serverplateauexplanation.moc"

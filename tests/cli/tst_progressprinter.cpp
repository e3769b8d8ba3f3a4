#include "cli/progressprinter.h"

#include <QTest>

class TestProgressPrinter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void formatsTheLiveLine() {
        RunProgress p;
        p.running = true;
        p.levelIndex = 2;
        p.levelCount = 8;
        p.levelLabel = QStringLiteral("c=4");
        p.requestsDone = 37;
        p.requestsPlanned = 120;
        p.inFlight = 4;
        p.errors = 3;
        p.errorsThisLevel = 1;
        p.liveTokensPerSecond = 1812.4;
        p.levelElapsedS = 3.14;
        p.etaS = 42;
        QCOMPARE(ProgressPrinter::format(p),
                 QStringLiteral("level 3/8 c=4 | 37/120 req | 1,812 tok/s | 4 in flight | 3 errors "
                                "(1 this level) | 3.1 s | ETA 0:42"));
    }
    void durationBoundLevelAndUnknownEta() {
        RunProgress p;
        p.levelIndex = 0;
        p.levelCount = 1;
        p.levelLabel = QStringLiteral("5 rps");
        p.requestsDone = 9;
        p.etaS = -1;
        const QString line = ProgressPrinter::format(p);
        QVERIFY2(line.contains(QLatin1String("| 9 req |")), qPrintable(line));
        QVERIFY(line.endsWith(QLatin1String("ETA ?")));
        QVERIFY(!line.contains(QLatin1String("this level")));
    }
    void formatsAFinishedLevel() {
        LevelSummary l;
        l.concurrency = 16;
        l.requests = 120;
        l.successes = 118;
        l.outputThroughputTps = 2345.6;
        l.ttftMs.p95 = 45.2;
        l.tpotMs.p50 = 8.04;
        l.e2eMs.p95 = 1234;
        const QString line = ProgressPrinter::formatLevel(l);
        QVERIFY2(line.startsWith(
                     QLatin1String("c=16 done: 120 req, 2 errors, 2,346 tok/s, TTFT p95 45 ms, "
                                   "TPOT p50 8.0 ms, e2e p95 1,234 ms")),
                 qPrintable(line));
        // An embeddings level reports inputs/s and e2e: it has no TTFT or TPOT.
        l.embeddings = true;
        l.inputsPerSecond = 615.6;
        l.inputThroughputTps = 157656;
        l.e2eMs.p50 = 51.2;
        const QString embeddings = ProgressPrinter::formatLevel(l);
        QCOMPARE(embeddings, QStringLiteral("c=16 done: 120 req, 2 errors, 616 inputs/s, 157,656 "
                                            "input tok/s, e2e p50 51 ms, e2e p95 1,234 ms"));
    }
};

QTEST_GUILESS_MAIN(TestProgressPrinter)
#include "tst_progressprinter.moc"

#include "metrics/clienthealth.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestClientHealth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void reasons_data() {
        QTest::addColumn<bool>("isRate");
        QTest::addColumn<bool>("complete");
        QTest::addColumn<double>("queueP99Ms");
        QTest::addColumn<double>("ttftP50Ms");
        QTest::addColumn<double>("lagP99Ms");
        QTest::addColumn<double>("achieved"); // target is 16
        QTest::addColumn<bool>("targetReached");
        QTest::addColumn<QString>("expected"); // a part of the reason; empty = healthy

        QTest::newRow("healthy") << false << true << 0.3 << 100.0 << 2.0 << 15.9 << true
                                 << QString();
        // 20 ms > 10 ms and > 5% of 100 ms.
        QTest::newRow("queue large next to TTFT")
            << false << true << 20.0 << 100.0 << 2.0 << 15.9 << true << u"queue p99 20.0 ms"_s;
        // 8 ms is under the absolute floor even though it is 8% of TTFT.
        QTest::newRow("queue under 10 ms")
            << false << true << 8.0 << 100.0 << 2.0 << 15.9 << true << QString();
        // 20 ms is only 2% of a 1 s TTFT: does not change what the user sees.
        QTest::newRow("queue small next to TTFT")
            << false << true << 20.0 << 1000.0 << 2.0 << 15.9 << true << QString();
        QTest::newRow("queue with no TTFT (all failed)")
            << false << true << 20.0 << qQNaN() << 2.0 << 15.9 << true << u"waited"_s;
        QTest::newRow("event loop lag") << false << true << 0.3 << 100.0 << 25.0 << 15.9 << true
                                        << u"event-loop lag p99 25.0 ms"_s;
        // 14.3 < 0.9 * 16 = 14.4.
        QTest::newRow("achieved below 90%") << false << true << 0.3 << 100.0 << 2.0 << 14.3 << true
                                            << u"achieved concurrency 14.3"_s;
        QTest::newRow("achieved at 90%")
            << false << true << 0.3 << 100.0 << 2.0 << 14.4 << true << QString();
        QTest::newRow("target never reached") << false << true << 0.3 << 100.0 << 2.0 << 12.0
                                              << false << u"never reached (at most 12)"_s;
        // A run stopped inside the level is marked incomplete instead.
        QTest::newRow("stopped level")
            << false << false << 0.3 << 100.0 << 2.0 << 3.0 << false << QString();
        // Open loop has no concurrency target to miss.
        QTest::newRow("rate level")
            << true << true << 0.3 << 100.0 << 2.0 << 3.0 << true << QString();
    }
    void reasons() {
        QFETCH(bool, isRate);
        QFETCH(bool, complete);
        QFETCH(double, queueP99Ms);
        QFETCH(double, ttftP50Ms);
        QFETCH(double, lagP99Ms);
        QFETCH(double, achieved);
        QFETCH(bool, targetReached);
        QFETCH(QString, expected);
        LevelRunInfo info;
        info.isRate = isRate;
        info.concurrency = isRate ? 0 : 16;
        info.complete = complete;
        LevelSummary s;
        s.ttftMs.p50 = ttftP50Ms;
        s.eventLoopLagP99Ms = lagP99Ms;
        s.achievedConcurrency = achieved;
        s.maxInFlight = 12;
        s.maxQueueMs = queueP99Ms * 2;
        const QStringList reasons = ClientHealth::reasons(s, info, queueP99Ms, targetReached);
        if (expected.isEmpty()) {
            QVERIFY2(reasons.isEmpty(), qPrintable(reasons.join(u"; "_s)));
        } else {
            QCOMPARE(reasons.size(), 1);
            QVERIFY2(reasons.first().contains(expected), qPrintable(reasons.first()));
        }
    }

    // Fewer requests than workers is the plan's doing: no client reason, whatever the
    // achieved concurrency (issue 10: every level of `-c 1..100000 -n 2` was client_bound).
    void planShortOfRequestsIsNotTheClient() {
        LevelRunInfo info;
        info.concurrency = 128;
        info.complete = true;
        LevelSummary s;
        s.ttftMs.p50 = 50;
        s.achievedConcurrency = 2;
        s.maxInFlight = 2;
        s.targetUnreachable = u"plan"_s;
        QVERIFY(ClientHealth::reasons(s, info, 0.1, false).isEmpty());
        s.targetUnreachable = u"client"_s;
        QCOMPARE(ClientHealth::reasons(s, info, 0.1, false).size(), 1);
    }

    void severalReasons() {
        LevelRunInfo info;
        info.concurrency = 4;
        info.complete = true;
        LevelSummary s;
        s.ttftMs.p50 = 50;
        s.eventLoopLagP99Ms = 40;
        s.achievedConcurrency = 2;
        s.maxQueueMs = 90;
        const QStringList reasons = ClientHealth::reasons(s, info, 30, true);
        QCOMPARE(reasons.size(), 3);
        QVERIFY(reasons.at(0).contains(u"(max 90.0 ms)"_s));
    }
};

QTEST_GUILESS_MAIN(TestClientHealth)
#include "tst_clienthealth.moc"

#include "metrics/windowattribution.h"
#include "synthrecords.h"

#include <QTest>

using Synth::at;

class TestWindowAttribution : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // One stream sent at 0 with 4 content events at 10, 20, 30, 40 ms.
    void outputTokens_data() {
        QTest::addColumn<int>("usageTokens"); // -1: count the events
        QTest::addColumn<double>("fromMs");
        QTest::addColumn<double>("toMs");
        QTest::addColumn<double>("expected");
        QTest::newRow("all events inside") << -1 << 0.0 << 100.0 << 4.0;
        QTest::newRow("window (15, 35]: events 20, 30") << -1 << 15.0 << 35.0 << 2.0;
        // Usage says 10 tokens for 4 events: 2.5 tokens per event, 2 events inside.
        QTest::newRow("usage spread over events") << 10 << 15.0 << 35.0 << 5.0;
        // The window is (from, to]: an event exactly at the start belongs to the time before.
        QTest::newRow("event on the start edge is out") << -1 << 10.0 << 20.0 << 1.0;
        QTest::newRow("event on the end edge is in") << -1 << 0.0 << 10.0 << 1.0;
        QTest::newRow("outside") << 10 << 40.0 << 90.0 << 0.0;
        QTest::newRow("usage says 0") << 0 << 0.0 << 100.0 << 0.0;
    }
    void outputTokens() {
        QFETCH(int, usageTokens);
        QFETCH(double, fromMs);
        QFETCH(double, toMs);
        const RequestRecord r = Synth::stream(0, 4, 10, usageTokens);
        QTEST(WindowAttribution::outputTokens(r, at(fromMs), at(toMs)), "expected");
    }

    void tokensWithoutEventTimes() {
        // A count but no recorded events (e.g. a non-streamed answer): all at the last
        // content time.
        RequestRecord r = Synth::stream(0, 4, 10, 12);
        r.contentEventNs.clear();
        QCOMPARE(WindowAttribution::outputTokens(r, at(30), at(50)), 12.0);
        QCOMPARE(WindowAttribution::outputTokens(r, at(0), at(39)), 0.0);
    }

    void lifetimeShare_data() {
        QTest::addColumn<double>("fromMs");
        QTest::addColumn<double>("toMs");
        QTest::addColumn<double>("expected");
        // The request lives [0, 40].
        QTest::newRow("inside") << -10.0 << 100.0 << 1.0;
        QTest::newRow("first half") << -10.0 << 20.0 << 0.5;
        QTest::newRow("last quarter") << 30.0 << 100.0 << 0.25;
        QTest::newRow("middle") << 10.0 << 20.0 << 0.25;
        QTest::newRow("after") << 40.0 << 100.0 << 0.0;
        QTest::newRow("empty window") << 10.0 << 10.0 << 0.0;
    }
    void lifetimeShare() {
        QFETCH(double, fromMs);
        QFETCH(double, toMs);
        const RequestRecord r = Synth::stream(0, 4, 10);
        QTEST(WindowAttribution::lifetimeShare(r, at(fromMs), at(toMs)), "expected");
    }

    void zeroLengthRequestCountsWhereItEnded() {
        RequestRecord r;
        r.tSendNs = at(50);
        r.tEndNs = at(50);
        QCOMPARE(WindowAttribution::lifetimeShare(r, at(40), at(50)), 1.0);
        QCOMPARE(WindowAttribution::lifetimeShare(r, at(50), at(60)), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestWindowAttribution)
#include "tst_windowattribution.moc"

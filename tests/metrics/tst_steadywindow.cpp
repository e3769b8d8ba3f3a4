#include "metrics/steadywindow.h"
#include "synthrecords.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Synth::at;

namespace {
struct Scenario {
    LevelRunInfo info;
    QList<RequestRecord> records;
};

QList<RequestRecord> markWarmup(QList<RequestRecord> records, int count) {
    for (int i = 0; i < count && i < records.size(); ++i)
        records[i].warmup = true;
    return records;
}

RequestRecord arrival(double schedMs, double sendMs, double endMs, bool warmup = false) {
    RequestRecord r = Synth::stream(sendMs, 1, endMs - sendMs);
    r.tSchedNs = at(schedMs);
    r.warmup = warmup;
    return r;
}
} // namespace

Q_DECLARE_METATYPE(Scenario)

class TestSteadyWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void find_data() {
        QTest::addColumn<Scenario>("scenario");
        QTest::addColumn<double>("startMs");
        QTest::addColumn<double>("endMs");
        QTest::addColumn<bool>("targetReached");
        QTest::addColumn<QString>("note"); // a part of the note; empty = no note

        // c=2: worker A sends at 0,100,200,300 (100 ms each), worker B at 50,150,250.
        // Two in flight from B's first send (50) until B stops issuing (350).
        const auto a = Synth::worker(0, 4, 10, 10);
        const auto b = Synth::worker(50, 3, 10, 10);
        QTest::newRow("ramp and drain left out")
            << Scenario{Synth::closedLoop(2, 350), a + b} << 50.0 << 350.0 << true << QString();
        QTest::newRow("issue stop unknown: last send")
            << Scenario{Synth::closedLoop(2, -1), a + b} << 50.0 << 300.0 << true
            << u"issue stop unknown"_s;

        // Warm-up: A's first request [0,100] and B's first [10,60] are warm-up. Two are in
        // flight from 10, but the window starts at the first measured send, 60 (B's second).
        const auto wa = markWarmup(Synth::worker(0, 3, 10, 10), 1);
        const auto wb = markWarmup(Synth::worker(10, 5, 5, 10), 1);
        QTest::newRow("after the warm-up")
            << Scenario{Synth::closedLoop(2, 250), wa + wb} << 60.0 << 250.0 << true << QString();
        // Warm-up done at 50 with only one worker busy; the second starts at 80.
        const auto la = markWarmup(Synth::worker(0, 3, 5, 10), 1);
        const auto lb = Synth::worker(80, 2, 5, 10);
        QTest::newRow("target reached after the first measured send")
            << Scenario{Synth::closedLoop(2, 150), la + lb} << 80.0 << 150.0 << true << QString();

        // c=8 but only 4 requests, sent at 0,10,20,30 and lasting 100 ms: the most in flight
        // is 4, from 30 until the first ends at 100. The idle workers "stopped issuing" at 40.
        QList<RequestRecord> few;
        for (int i = 0; i < 4; ++i)
            few.append(Synth::stream(10 * i, 10, 10));
        QTest::newRow("target never reached") << Scenario{Synth::closedLoop(8, 40), few} << 30.0
                                              << 100.0 << false << u"never reached"_s;

        // Open loop: the window starts at the first measured arrival (t_sched = 100), not its
        // send (105) nor the warm-up arrival (0).
        const QList<RequestRecord> open = {arrival(0, 0, 100, true), arrival(100, 105, 250),
                                           arrival(200, 200, 350)};
        QTest::newRow("open loop from the first arrival")
            << Scenario{Synth::openLoop(10, 300), open} << 100.0 << 300.0 << true << QString();

        // An issue stop before the target was held: no steady part, so the measured span.
        const QList<RequestRecord> two = {Synth::stream(0, 10, 10), Synth::stream(50, 10, 10)};
        QTest::newRow("empty window falls back to the span")
            << Scenario{Synth::closedLoop(2, 20), two} << 0.0 << 150.0 << true
            << u"steady window empty"_s;
    }
    void find() {
        QFETCH(Scenario, scenario);
        QFETCH(double, startMs);
        QFETCH(double, endMs);
        QFETCH(QString, note);
        const InFlightTimeline timeline(scenario.records, at(10'000));
        const SteadyWindow w = SteadyWindow::find(scenario.info, scenario.records, timeline);
        QVERIFY(w.isValid());
        QCOMPARE(w.startNs, at(startMs));
        QCOMPARE(w.endNs, at(endMs));
        QCOMPARE(w.seconds(), (endMs - startMs) / 1e3);
        QTEST(w.targetReached, "targetReached");
        if (note.isEmpty())
            QVERIFY2(w.note.isEmpty(), qPrintable(w.note));
        else
            QVERIFY2(w.note.contains(note), qPrintable(w.note));
    }

    void noMeasuredRequest() {
        const QList<RequestRecord> onlyWarmup = {Synth::stream(0, 10, 10, -1, true)};
        const SteadyWindow w = SteadyWindow::find(Synth::closedLoop(1, 100), onlyWarmup,
                                                  InFlightTimeline(onlyWarmup, at(100)));
        QVERIFY(!w.isValid());
        QCOMPARE(w.seconds(), 0.0);
        QVERIFY(!w.note.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSteadyWindow)
#include "tst_steadywindow.moc"

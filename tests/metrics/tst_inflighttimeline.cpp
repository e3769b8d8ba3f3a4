#include "metrics/inflighttimeline.h"
#include "synthrecords.h"

#include <QTest>
#include <cmath>

using Synth::at;
using Synth::kMs;

namespace {
RequestRecord span(double sendMs, double endMs) {
    RequestRecord r;
    r.tSendNs = sendMs < 0 ? -1 : at(sendMs);
    r.tEndNs = endMs < 0 ? -1 : at(endMs);
    return r;
}

// A [0,100], B [50,150], C [100,200] (sent the instant A ended, as a closed-loop worker
// does), D [120,130], E sent at 180 with no end (open until 300), F never sent.
// Count: 0:1, 50:2, 100:2 (A's end applied before C's send), 120:3, 130:2, 150:1, 180:2,
// 200:1, 300:0.
InFlightTimeline sample() {
    return InFlightTimeline(
        {span(0, 100), span(50, 150), span(100, 200), span(120, 130), span(180, -1), span(-1, -1)},
        at(300));
}
} // namespace

class TestInFlightTimeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void countAt_data() {
        QTest::addColumn<double>("ms");
        QTest::addColumn<int>("count");
        QTest::newRow("before anything") << -10.0 << 0;
        QTest::newRow("first send") << 0.0 << 1;
        QTest::newRow("two") << 99.0 << 2;
        QTest::newRow("end and send at the same instant") << 100.0 << 2;
        QTest::newRow("three") << 125.0 << 3;
        QTest::newRow("open-ended record") << 250.0 << 1;
        QTest::newRow("after everything") << 300.0 << 0;
    }
    void countAt() {
        QFETCH(double, ms);
        QTEST(sample().countAt(at(ms)), "count");
    }

    void reachAndMax() {
        const InFlightTimeline t = sample();
        QCOMPARE(t.maxOverall(), 3);
        QCOMPARE(t.maxFrom(at(0)), 3);
        QCOMPARE(t.maxFrom(at(130)), 2);
        QCOMPARE(t.firstReach(3, at(0)), at(120));
        QCOMPARE(t.firstReach(2, at(0)), at(50));
        QCOMPARE(t.firstReach(2, at(60)), at(60)); // already there: the start itself
        QCOMPARE(t.firstReach(4, at(0)), qint64(-1));
    }

    void integral() {
        const InFlightTimeline t = sample();
        // 1*50 + 2*70 + 3*10 + 2*20 + 1*30 + 2*20 + 1*100 = 430 request-ms over 300 ms.
        QCOMPARE(t.integral(at(0), at(300)), 430.0 * kMs);
        QCOMPARE(t.meanOver(at(0), at(300)), 430.0 / 300.0);
        QCOMPARE(t.meanOver(at(50), at(100)), 2.0);
        // Partial steps at both ends: [110,140] = 2*10 + 3*10 + 2*10 = 70 over 30.
        QCOMPARE(t.meanOver(at(110), at(140)), 70.0 / 30.0);
        QVERIFY(std::isnan(t.meanOver(at(100), at(100))));
    }
};

QTEST_GUILESS_MAIN(TestInFlightTimeline)
#include "tst_inflighttimeline.moc"

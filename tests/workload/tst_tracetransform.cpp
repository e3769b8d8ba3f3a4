#include "workload/tracetransform.h"

#include <QTest>

namespace {
TraceEntry at(double ms) {
    TraceEntry entry;
    entry.timestampMs = ms;
    entry.inputLength = 10;
    return entry;
}

QList<double> times(const QList<TraceEntry>& entries) {
    QList<double> result;
    for (const TraceEntry& entry : entries)
        result.append(entry.timestampMs);
    return result;
}
} // namespace

class TestTraceTransform : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void speed();
    void window();
    void rates();
};

void TestTraceTransform::speed() {
    const QList<TraceEntry> trace{at(0), at(100), at(250)};
    QCOMPARE(times(TraceTransform::scaled(trace, 2.0)), (QList<double>{0, 50, 125}));
    QCOMPARE(times(TraceTransform::scaled(trace, 0.5)), (QList<double>{0, 200, 500}));
    QCOMPARE(TraceTransform::validateSpeed(0.0),
             QStringLiteral("trace speed 0 is outside 0.01..100"));
    QCOMPARE(TraceTransform::validateSpeed(qQNaN()),
             QStringLiteral("trace speed nan is outside 0.01..100"));
    QVERIFY(TraceTransform::validateSpeed(100.0).isEmpty());
    QCOMPARE(times(TraceTransform::scaled(trace, -1)), times(trace)); // invalid: unchanged
}

void TestTraceTransform::window() {
    const QList<TraceEntry> trace{at(0), at(100), at(250), at(400), at(1000)};
    QCOMPARE(times(TraceTransform::window(trace, 100, 400)), (QList<double>{0, 150}));
    QCOMPARE(times(TraceTransform::window(trace, 250, -1)), (QList<double>{0, 150, 750}));
    QVERIFY(TraceTransform::window(trace, 2000, -1).isEmpty());
    QCOMPARE(times(TraceTransform::startAtZero({at(500), at(700)})), (QList<double>{0, 200}));
}

void TestTraceTransform::rates() {
    QCOMPARE(TraceTransform::durationMs({at(100), at(600)}), 500.0);
    QCOMPARE(TraceTransform::ratePerSecond({at(0), at(100), at(200), at(300), at(400)}), 10.0);
    QCOMPARE(TraceTransform::ratePerSecond({at(5)}), 0.0);
    QCOMPARE(TraceTransform::ratePerSecond({at(5), at(5)}), 0.0);
}

QTEST_GUILESS_MAIN(TestTraceTransform)
#include "tst_tracetransform.moc"

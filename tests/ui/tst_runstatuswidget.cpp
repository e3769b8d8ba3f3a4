#include "run/runstatuswidget.h"

#include <QLabel>
#include <QProgressBar>
#include <QTest>

using namespace Qt::StringLiterals;

class TstRunStatusWidget : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fraction_data();
    void fraction();
    void eta_data();
    void eta();
    void showsLiveFigures();
    void drainingLevelIsNamed();
};

void TstRunStatusWidget::fraction_data() {
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("done");
    QTest::addColumn<int>("planned");
    QTest::addColumn<double>("elapsed");
    QTest::addColumn<double>("expected");
    QTest::newRow("not started") << -1 << 4 << 0 << 0 << 0.0 << 0.0;
    QTest::newRow("half of first by time") << 0 << 4 << 0 << 0 << 3.0 << 0.125;
    QTest::newRow("second by requests") << 1 << 4 << 50 << 100 << 0.0 << 0.375;
    QTest::newRow("time overrun clamps") << 3 << 4 << 0 << 0 << 60.0 << 1.0;
}

void TstRunStatusWidget::fraction() {
    QFETCH(int, index);
    QFETCH(int, count);
    QFETCH(int, done);
    QFETCH(int, planned);
    QFETCH(double, elapsed);
    QFETCH(double, expected);
    RunProgress p;
    p.running = true;
    p.levelIndex = index;
    p.levelCount = count;
    p.requestsDone = done;
    p.requestsPlanned = planned;
    p.levelElapsedS = elapsed;
    SweepPlan plan;
    plan.durationPerLevelS = 6.0;
    QCOMPARE(RunStatusWidget::sweepFraction(p, plan), expected);
}

void TstRunStatusWidget::eta_data() {
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown") << -1.0 << QString();
    QTest::newRow("seconds") << 12.4 << u"12 s"_s;
    QTest::newRow("minutes") << 65.0 << u"1:05"_s;
    QTest::newRow("hour") << 3600.0 << u"60:00"_s;
}

void TstRunStatusWidget::eta() {
    QFETCH(double, seconds);
    QFETCH(QString, expected);
    QCOMPARE(RunStatusWidget::formatEta(seconds), expected);
}

void TstRunStatusWidget::showsLiveFigures() {
    RunStatusWidget widget;
    widget.show();
    QCOMPARE(widget.levelText(), u"Ready"_s);
    QVERIFY(!widget.findChild<QProgressBar*>(u"statusProgress"_s)->isVisible());
    RunProgress p;
    p.running = true;
    p.levelIndex = 2;
    p.levelCount = 8;
    p.levelLabel = u"c=4"_s;
    p.inFlight = 4;
    p.errors = 3;
    p.liveTokensPerSecond = 1234;
    p.etaS = 42;
    widget.setProgress(p);
    QCOMPARE(widget.levelText(), u"Level 3 of 8 · c=4"_s);
    auto* bar = widget.findChild<QProgressBar*>(u"statusProgress"_s);
    QVERIFY(bar->isVisible());
    // Level 3 of 8 just begun: 2/8 of the sweep done. The text sits beside the bar.
    QCOMPARE(bar->value(), 250);
    QVERIFY(!bar->isTextVisible());
    QCOMPARE(widget.progressText(), u"25% · 42 s left"_s);
    QCOMPARE(widget.inFlightText(), u"In flight 4"_s);
    QCOMPARE(widget.findChild<QLabel*>(u"statusErrors"_s)->text(), u"Errors 3"_s);
    p.running = false;
    widget.setProgress(p);
    QVERIFY(!bar->isVisible());
    QVERIFY(!widget.findChild<QLabel*>(u"statusProgressText"_s)->isVisible());
}

void TstRunStatusWidget::drainingLevelIsNamed() {
    RunStatusWidget widget;
    SweepPlan plan;
    plan.durationPerLevelS = 6.0;
    widget.setPlan(plan);
    RunProgress p;
    p.running = true;
    p.levelIndex = 3;
    p.levelCount = 8;
    p.levelLabel = u"c=8"_s;
    p.inFlight = 8;
    p.levelElapsedS = 3.0;
    widget.setProgress(p);
    QCOMPARE(widget.inFlightText(), u"In flight 8"_s);
    QCOMPARE(widget.progressText(), u"43%"_s); // (3 + 3/6) / 8, no ETA yet
    // Past the level's 6 s no request is sent: the live count falls while the last drain.
    p.inFlight = 1;
    p.levelElapsedS = 6.4;
    widget.setProgress(p);
    QCOMPARE(widget.inFlightText(), u"In flight 1 · finishing level"_s);
    QCOMPARE(widget.progressText(), u"50%"_s);
}

QTEST_MAIN(TstRunStatusWidget)
#include "tst_runstatuswidget.moc"

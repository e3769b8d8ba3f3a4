#include "editors/sweepplaneditor.h"
#include "editors/untilstableeditor.h"
#include "run/runstatuswidget.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QTest>

// "Runs until stable" in the sweep plan (issue 13): the choice round-trips through the
// editor with its targets, shows its fields only when chosen, and the status bar reads out
// where a running level stands.
class TestUntilStableEditor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void planRoundTripsThroughTheEditor() {
        SweepPlanEditor editor;
        SweepPlan plan;
        plan.durationPerLevelS = 12.0;
        plan.untilStable = {true, 0.03, 0.08, LatencyMetric::E2e, LatencyStat::P99, 5.0, 120.0};
        editor.setPlan(plan);
        const SweepPlan back = editor.plan(SweepPlan{});
        QCOMPARE(back.untilStable, plan.untilStable);
        QCOMPARE(back.durationPerLevelS, 12.0); // kept for when the user switches back
        auto* length = editor.findChild<QComboBox*>(QStringLiteral("levelLength"));
        QVERIFY(length);
        QCOMPARE(length->currentIndex(), 2);
    }

    void fieldsShowOnlyForTheChoiceAndEditsReachThePlan() {
        SweepPlanEditor editor;
        editor.setPlan(SweepPlan{});
        editor.show();
        auto* length = editor.findChild<QComboBox*>(QStringLiteral("levelLength"));
        auto* targets = editor.findChild<UntilStableEditor*>(QStringLiteral("untilStable"));
        QVERIFY(length && targets);
        QVERIFY(!targets->isVisible());
        QVERIFY(!editor.plan(SweepPlan{}).untilStable.enabled);

        length->setCurrentIndex(2);
        QVERIFY(targets->isVisible());
        auto* within =
            targets->findChild<QDoubleSpinBox*>(QStringLiteral("stableLatencyHalfWidth"));
        auto* metric = targets->findChild<QComboBox*>(QStringLiteral("stableMetric"));
        QVERIFY(within && metric);
        within->setValue(7.5);
        metric->setCurrentIndex(metric->findData(QStringLiteral("tpot")));
        const SweepPlan plan = editor.plan(SweepPlan{});
        QVERIFY(plan.untilStable.enabled);
        QCOMPARE(plan.untilStable.latencyHalfWidth, 0.075);
        QCOMPARE(plan.untilStable.metric, LatencyMetric::Tpot);

        length->setCurrentIndex(1);
        QVERIFY(!targets->isVisible());
        QVERIFY(!editor.plan(SweepPlan{}).untilStable.enabled);
    }

    void statusBarReadsOutTheHalfWidths() {
        RunProgress::Stability s{true, 0.031, qQNaN(), 0.02, 0.05, QStringLiteral("TTFT p95"),
                                 12.0};
        const QString text = RunStatusWidget::stabilityText(s);
        QVERIFY2(text.contains(QStringLiteral("±3.1% of 2%")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("TTFT p95 ±? of 5%")), qPrintable(text));

        RunProgress p;
        p.levelCount = 2;
        p.levelIndex = 0;
        p.levelElapsedS = 6.0;
        p.stability = s; // 6 s in, 12 s left: a third of the level, a sixth of the sweep
        SweepPlan plan;
        plan.untilStable.enabled = true;
        QVERIFY(qAbs(RunStatusWidget::sweepFraction(p, plan) - 1.0 / 6.0) < 1e-9);
    }
};

QTEST_MAIN(TestUntilStableEditor)
#include "tst_untilstableeditor.moc"

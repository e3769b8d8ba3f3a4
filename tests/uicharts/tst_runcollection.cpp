#include "models/runcollection.h"
#include "models/runpalette.h"
#include "syntheticrun.h"

#include <QSignalSpy>
#include <QTest>

class TestRunCollection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void addGivesIdsAndDistinctColours();
    void firstRunBecomesCurrent();
    void visibilityEmitsOnlyOnChange();
    void removeMovesCurrentAndFreesColour();
    void updateEmitsRunUpdated();
    void clearEmptiesEverything();
    void paletteCyclesWhenExhausted();
};

void TestRunCollection::addGivesIdsAndDistinctColours() {
    RunCollection runs;
    QSignalSpy changed(&runs, &RunCollection::runsChanged);
    QList<int> ids;
    QList<QColor> colours;
    for (int i = 0; i < 5; ++i) {
        ids.append(runs.addRun(RunResult{}, QStringLiteral("run %1").arg(i), false));
        colours.append(runs.run(ids.constLast())->color);
    }
    QCOMPARE(changed.count(), 5);
    QCOMPARE(runs.runs().size(), 5);
    for (int i = 0; i < 5; ++i) {
        QVERIFY(ids.at(i) > 0);
        QCOMPARE(ids.count(ids.at(i)), 1);
        QCOMPARE(colours.count(colours.at(i)), 1);
        QCOMPARE(runs.run(ids.at(i))->name, QStringLiteral("run %1").arg(i));
    }
    QCOMPARE(runs.visibleRuns().size(), 5);
}

void TestRunCollection::firstRunBecomesCurrent() {
    RunCollection runs;
    QSignalSpy current(&runs, &RunCollection::currentChanged);
    const int a = runs.addRun(SyntheticRun::make(), QStringLiteral("a"), true);
    const int b = runs.addRun(RunResult{}, QStringLiteral("b"), false);
    QCOMPARE(runs.currentId(), a);
    QCOMPARE(current.count(), 1);
    QVERIFY(runs.current()->live);
    runs.setCurrent(b);
    QCOMPARE(runs.current()->name, QStringLiteral("b"));
    runs.setCurrent(999); // unknown ids are ignored
    QCOMPARE(runs.currentId(), b);
    QCOMPARE(current.count(), 2);
}

void TestRunCollection::visibilityEmitsOnlyOnChange() {
    RunCollection runs;
    const int a = runs.addRun(RunResult{}, QStringLiteral("a"), false);
    const int b = runs.addRun(RunResult{}, QStringLiteral("b"), false);
    QSignalSpy changed(&runs, &RunCollection::runsChanged);
    runs.setVisible(a, true);
    QCOMPARE(changed.count(), 0);
    runs.setVisible(a, false);
    QCOMPARE(changed.count(), 1);
    QVERIFY(!runs.run(a)->visible);
    QCOMPARE(runs.visibleRuns().size(), 1);
    QCOMPARE(runs.visibleRuns().constFirst()->id, b);
}

void TestRunCollection::removeMovesCurrentAndFreesColour() {
    RunCollection runs;
    const int a = runs.addRun(RunResult{}, QStringLiteral("a"), false);
    const QColor first = runs.run(a)->color;
    const int b = runs.addRun(RunResult{}, QStringLiteral("b"), false);
    QSignalSpy current(&runs, &RunCollection::currentChanged);
    runs.removeRun(a);
    QCOMPARE(runs.currentId(), b);
    QCOMPARE(current.count(), 1);
    QVERIFY(!runs.run(a));
    // The freed colour goes to the next run, so a re-run keeps a familiar colour.
    const int c = runs.addRun(RunResult{}, QStringLiteral("c"), false);
    QCOMPARE(runs.run(c)->color, first);
    QVERIFY(runs.run(c)->color != runs.run(b)->color);
}

void TestRunCollection::updateEmitsRunUpdated() {
    RunCollection runs;
    const int a = runs.addRun(RunResult{}, QStringLiteral("a"), true);
    QSignalSpy updated(&runs, &RunCollection::runUpdated);
    QSignalSpy changed(&runs, &RunCollection::runsChanged);
    // Live refreshes touch only the run's data: no runsChanged (legend rebuilds) per tick.
    runs.updateRun(a, SyntheticRun::prefix(SyntheticRun::make(), 3), true);
    runs.updateRun(a, SyntheticRun::prefix(SyntheticRun::make(), 4), true);
    QCOMPARE(updated.count(), 2);
    QCOMPARE(changed.count(), 0);
    updated.clear();
    // Finishing renames it in the legend ("(running)" goes): runsChanged, once.
    runs.updateRun(a, SyntheticRun::make(), false);
    QCOMPARE(changed.count(), 1);
    runs.updateRun(a, SyntheticRun::make(), false);
    QCOMPARE(changed.count(), 1);
    updated.removeLast();
    QCOMPARE(updated.count(), 1);
    QCOMPARE(updated.at(0).at(0).toInt(), a);
    QCOMPARE(runs.run(a)->result.summary.levels.size(), 8);
    QVERIFY(!runs.run(a)->live);
    runs.updateRun(12345, RunResult{}, false); // unknown: ignored
    QCOMPARE(updated.count(), 1);
}

void TestRunCollection::clearEmptiesEverything() {
    RunCollection runs;
    runs.addRun(RunResult{}, QStringLiteral("a"), false);
    QSignalSpy current(&runs, &RunCollection::currentChanged);
    runs.clear();
    QVERIFY(runs.runs().isEmpty());
    QCOMPARE(runs.currentId(), -1);
    QVERIFY(!runs.current());
    QCOMPARE(current.count(), 1);
}

void TestRunCollection::paletteCyclesWhenExhausted() {
    QList<QColor> used = RunPalette::colors();
    const QColor next = RunPalette::firstUnused(used);
    QVERIFY(RunPalette::colors().contains(next));
    used.removeAt(3);
    QCOMPARE(RunPalette::firstUnused(used), RunPalette::colors().at(3));
}

QTEST_GUILESS_MAIN(TestRunCollection)
#include "tst_runcollection.moc"

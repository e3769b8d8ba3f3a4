// The compare view's model on results made by plateau-cli against the built-in simulator
// (tests/ui/data, see README there): the same preset twice differs by noise only, so no cell
// is significant or coloured; the default preset against small-fast delivers less throughput
// at c=8 (Welch's t on the batch-means intervals, as plateau-cli compare decides), coloured
// vermillion as NEW and green the other way round. The runs list opens the view on two
// selected runs.
#include "models/comparemodel.h"
#include "models/runcollection.h"
#include "models/runpalette.h"
#include "results/resultsjson.h"
#include "run/compareview.h"
#include "run/runslist.h"

#include <QColor>
#include <QFileInfo>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

class TestCompareModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void samePresetTwiceIsWithinNoise();
    void slowerPresetIsSignificantAndColoured();
    void betterIsGreenTheOtherWayRound();
    void rowsFollowLoadAndColumnsTheFigures();
    void runsListComparesTwoSelectedRuns();

private:
    static void saveShot(CompareView* view);
    static RunResult load(const char* name);
    static int coloured(const CompareModel& model);
    // The row of `label` ("c=8"), -1 if none.
    static int rowOf(const CompareModel& model, const QString& label);
    RunResult m_fastA;
    RunResult m_fastB;
    RunResult m_slow;
};

RunResult TestCompareModel::load(const char* name) {
    const QString path = QFINDTESTDATA(QStringLiteral("data/") + QLatin1String(name));
    QString error;
    const std::optional<RunResult> result = ResultsJson::load(path, &error);
    if (!result)
        qFatal("%s: %s", name, qPrintable(error));
    return *result;
}

void TestCompareModel::initTestCase() {
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_fastA = load("compare-small-fast-a.json");
    m_fastB = load("compare-small-fast-b.json");
    m_slow = load("compare-default.json");
}

int TestCompareModel::coloured(const CompareModel& model) {
    int n = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        for (int c = 1; c < model.columnCount(); ++c) {
            if (model.data(model.index(r, c), Qt::ForegroundRole).isValid())
                ++n;
        }
    }
    return n;
}

int TestCompareModel::rowOf(const CompareModel& model, const QString& label) {
    for (int r = 0; r < model.rowCount(); ++r) {
        if (model.data(model.index(r, 0)).toString() == label)
            return r;
    }
    return -1;
}

void TestCompareModel::samePresetTwiceIsWithinNoise() {
    CompareModel model;
    model.compare(m_fastA, QStringLiteral("A"), m_fastB, QStringLiteral("B"));
    QCOMPARE(model.rowCount(), 3); // plateau, c=8, c=16
    QCOMPARE(model.significantCount(), 0);
    QCOMPARE(coloured(model), 0);
    // The throughput cells were tested (not "no test") and are within the noise.
    const int c8 = rowOf(model, QStringLiteral("c=8"));
    const FigureComparison* tps = model.comparison(c8, 1);
    QVERIFY(tps);
    QCOMPARE(tps->figure, QStringLiteral("output_throughput_tps"));
    QVERIFY(tps->result.ok());
    QVERIFY(!tps->result.significant);
    QVERIFY(model.data(model.index(c8, 1)).toString().contains(u'['));
    QVERIFY2(model.verdict().contains(QStringLiteral("no significant difference")),
             qPrintable(model.verdict()));
}

void TestCompareModel::slowerPresetIsSignificantAndColoured() {
    CompareModel model;
    model.compare(m_fastA, QStringLiteral("small-fast"), m_slow, QStringLiteral("default"));
    const int c8 = rowOf(model, QStringLiteral("c=8"));
    QVERIFY(c8 >= 0);
    const QModelIndex cell = model.index(c8, 1);
    QVERIFY(model.data(cell, CompareModel::SignificantRole).toBool());
    QVERIFY(!model.data(cell, CompareModel::BetterRole).toBool());
    QCOMPARE(model.data(cell, Qt::ForegroundRole).value<QColor>(),
             RunPalette::color(RunPalette::Role::Worse));
    QVERIFY(model.data(cell).toString().startsWith(u"−"));
    QVERIFY(model.worseCount() >= 1);
    QCOMPARE(model.betterCount(), 0);
    QCOMPARE(coloured(model), model.significantCount());
    // Cells within the noise stay uncoloured: c=16's throughput interval includes 0.
    const int c16 = rowOf(model, QStringLiteral("c=16"));
    QVERIFY(!model.comparison(c16, 1)->result.significant);
    QVERIFY(!model.data(model.index(c16, 1), Qt::ForegroundRole).isValid());
    QVERIFY2(model.verdict().contains(QStringLiteral("1 significantly worse")),
             qPrintable(model.verdict()));
}

void TestCompareModel::betterIsGreenTheOtherWayRound() {
    CompareModel model;
    model.compare(m_slow, QStringLiteral("default"), m_fastA, QStringLiteral("small-fast"));
    const QModelIndex cell = model.index(rowOf(model, QStringLiteral("c=8")), 1);
    QVERIFY(model.data(cell, CompareModel::BetterRole).toBool());
    QCOMPARE(model.data(cell, Qt::ForegroundRole).value<QColor>(),
             RunPalette::color(RunPalette::Role::Better));
    QVERIFY(model.data(cell).toString().startsWith(u'+'));
    QVERIFY(model.verdict().contains(QStringLiteral("1 significantly better")));
}

void TestCompareModel::rowsFollowLoadAndColumnsTheFigures() {
    CompareModel model;
    model.compare(m_fastA, QStringLiteral("A"), m_slow, QStringLiteral("B"));
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("Plateau"));
    QCOMPARE(model.comparison(0, 1)->figure, QStringLiteral("plateau_tps"));
    QVERIFY(!model.comparison(0, 2)); // the plateau has only its throughput
    QCOMPARE(model.data(model.index(1, 0)).toString(), QStringLiteral("c=8"));
    QCOMPARE(model.data(model.index(2, 0)).toString(), QStringLiteral("c=16"));
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Output tok/s"));
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("TTFT p50"));
    QCOMPARE(model.columnCount(), 1 + RunComparison::figureNames().size() - 1);
    // The results hold no requests (kept small): percentiles cannot be tested, and say so.
    QVERIFY(model.data(model.index(1, 2)).toString().contains(QStringLiteral("no test")));
}

void TestCompareModel::runsListComparesTwoSelectedRuns() {
    RunCollection runs;
    RunsList list(&runs);
    const int a = runs.addRun(m_fastA, QStringLiteral("small-fast"), false);
    runs.addRun(m_fastB, QStringLiteral("small-fast again"), false);
    const int c = runs.addRun(m_slow, QStringLiteral("default"), false);
    QPushButton* button = list.compareButton();
    QVERIFY(!button->isEnabled());
    QTreeWidget* tree = list.tree();
    tree->topLevelItem(0)->setSelected(true);
    QVERIFY(!button->isEnabled()); // one run is not a comparison
    tree->topLevelItem(2)->setSelected(true);
    QVERIFY(button->isEnabled());
    QCOMPARE(list.comparedRuns(), (QList<int>{a, c}));
    tree->topLevelItem(1)->setSelected(true);
    QVERIFY(!button->isEnabled()); // three are not either
    tree->topLevelItem(1)->setSelected(false);

    QSignalSpy opened(&list, &RunsList::compareOpened);
    button->click();
    QCOMPARE(opened.size(), 1);
    auto* view = opened.constFirst().constFirst().value<CompareView*>();
    QVERIFY(view);
    QVERIFY(view->verdictText().startsWith(QStringLiteral("default vs small-fast")));
    QCOMPARE(view->model()->worseCount(), 1);
    QCOMPARE(view->table()->model(), view->model());
    saveShot(view);
    view->close();
}

// PLATEAU_TEST_SHOTS=DIR saves the view as DIR/compare-view.png (packaging/screenshots), of
// PLATEAU_SHOT_BASE and PLATEAU_SHOT_NEW (results files with their requests) when given.
void TestCompareModel::saveShot(CompareView* view) {
    const QString dir = qEnvironmentVariable("PLATEAU_TEST_SHOTS");
    if (dir.isEmpty())
        return;
    const QString base = qEnvironmentVariable("PLATEAU_SHOT_BASE");
    const QString candidate = qEnvironmentVariable("PLATEAU_SHOT_NEW");
    QString error;
    const std::optional<RunResult> a = ResultsJson::load(base, &error);
    const std::optional<RunResult> b = ResultsJson::load(candidate, &error);
    if (a && b)
        view->compare(*a, QFileInfo(base).baseName(), *b, QFileInfo(candidate).baseName());
    view->resize(1180, 330);
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view));
    QVERIFY(view->grab().save(dir + QStringLiteral("/compare-view.png")));
}

QTEST_MAIN(TestCompareModel)
#include "tst_comparemodel.moc"

#include "models/requesttablemodel.h"
#include "models/runcollection.h"
#include "syntheticrun.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

class TestRequestTableModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void listsTheLevelsRequests();
    void warmupOnRequest();
    void liveAppendInsertsRows();
    void replacedRecordsReset();
    void thousandsOfRequests();
};

void TestRequestTableModel::listsTheLevelsRequests() {
    RunCollection runs;
    runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    RequestTableModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0); // no level chosen
    model.setLevel(7);
    // 12 records per level, the first a warm-up (hidden by default).
    QCOMPARE(model.rowCount(), 11);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.record(row).level, 7);
    const QModelIndex ok = model.index(0, RequestTableModel::OutputSource);
    QCOMPARE(ok.data().toString(), QStringLiteral("usage"));
    QCOMPARE(model.index(0, RequestTableModel::OutputTokens).data().toString(),
             QStringLiteral("256"));
    QCOMPARE(model.index(0, RequestTableModel::Status).data().toString(), QStringLiteral("200"));
    QVERIFY(model.index(0, RequestTableModel::Error).data().toString().isEmpty());
    // The last three failed: two 429s and a timeout, with their messages.
    const int last = model.rowCount() - 1;
    QCOMPARE(model.index(last, RequestTableModel::Error).data().toString(),
             QStringLiteral("timeout"));
    QCOMPARE(model.index(last, RequestTableModel::Message).data().toString(),
             QStringLiteral("no data for 30 s"));
    QCOMPARE(model.index(last - 1, RequestTableModel::Status).data().toString(),
             QStringLiteral("429"));
    QCOMPARE(model.index(last, RequestTableModel::Ttft).data().toString(), QStringLiteral("—"));
    // TTFT of a successful request, and numeric sort values.
    const double ttft = model.record(1).ttftMs();
    QCOMPARE(model.index(1, RequestTableModel::Ttft).data(RequestTableModel::SortRole).toDouble(),
             ttft);
    QVERIFY(model.index(1, RequestTableModel::TSend).data().toString().contains(u'.'));
}

void TestRequestTableModel::warmupOnRequest() {
    RunCollection runs;
    runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    RequestTableModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLevel(0);
    QCOMPARE(model.rowCount(), 11);
    model.setShowWarmup(true);
    QCOMPARE(model.rowCount(), 12);
    QVERIFY(model.index(0, RequestTableModel::Status)
                .data()
                .toString()
                .contains(QStringLiteral("warm-up")));
}

void TestRequestTableModel::liveAppendInsertsRows() {
    const RunResult full = SyntheticRun::make();
    RunResult partial = full;
    partial.records = full.records.mid(0, 8 * 12 - 6); // the last level half done
    RunCollection runs;
    const int id = runs.addRun(partial, QStringLiteral("live"), true);
    RequestTableModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLevel(7);
    QCOMPARE(model.rowCount(), 5);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (qsizetype n = partial.records.size() + 1; n <= full.records.size(); ++n) {
        RunResult step = full;
        step.records = full.records.mid(0, n);
        runs.updateRun(id, step, true);
    }
    QCOMPARE(model.rowCount(), 11);
    QCOMPARE(inserted.count(), 6);
    QCOMPARE(reset.count(), 0);
    // A refresh with nothing new changes nothing.
    runs.updateRun(id, full, false);
    QCOMPARE(inserted.count(), 6);
    QCOMPARE(reset.count(), 0);
}

void TestRequestTableModel::replacedRecordsReset() {
    RunCollection runs;
    const int id = runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    RequestTableModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLevel(3);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    SyntheticRun::Options other;
    other.requestsPerLevel = 4;
    runs.updateRun(id, SyntheticRun::make(other), false); // a different, shorter list
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 3);
}

void TestRequestTableModel::thousandsOfRequests() {
    SyntheticRun::Options big;
    big.levels = 2;
    big.requestsPerLevel = 20000;
    RunCollection runs;
    runs.addRun(SyntheticRun::make(big), QStringLiteral("big"), false);
    RequestTableModel model(&runs);
    model.setLevel(1);
    QCOMPARE(model.rowCount(), 19999);
    // Reading every cell of every row is what a full repaint plus sort costs at worst.
    QElapsedTimer timer;
    timer.start();
    int nonEmpty = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < RequestTableModel::ColumnCount; ++column)
            nonEmpty +=
                model.index(row, column).data(RequestTableModel::SortRole).isValid() ? 1 : 0;
    }
    QVERIFY(nonEmpty > 19999 * 8);
    qInfo("read %d rows x %d columns in %lld ms", model.rowCount(),
          int(RequestTableModel::ColumnCount), timer.elapsed());
}

QTEST_GUILESS_MAIN(TestRequestTableModel)
#include "tst_requesttablemodel.moc"

#include "models/errorsmodel.h"
#include "models/runcollection.h"
#include "syntheticrun.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestErrorsModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classesByLevelWithMessages();
    void liveFailuresAreFoldedIn();
    void newLevelAddsAColumn();
    void messagesAreCapped();
    void noRunNoRows();
    void serverTextIsShownEscaped();

private:
    static RequestRecord failure(quint64 id, int level, const QString& error,
                                 const QString& message);
};

RequestRecord TestErrorsModel::failure(quint64 id, int level, const QString& error,
                                       const QString& message) {
    RequestRecord rec;
    rec.id = id;
    rec.level = level;
    rec.error = error;
    rec.errorMessage = message;
    return rec;
}

void TestErrorsModel::classesByLevelWithMessages() {
    RunCollection runs;
    runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    ErrorsModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Columns: name, c=1 .. c=128, total.
    QCOMPARE(model.columnCount(), 10);
    QCOMPARE(model.headerData(8, Qt::Horizontal).toString(), QStringLiteral("c=128"));
    QCOMPARE(model.headerData(9, Qt::Horizontal).toString(), QStringLiteral("Total"));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.totalErrors(), 3);
    const QModelIndex http429 = model.index(0, 0);
    QCOMPARE(http429.data().toString(), QStringLiteral("http_429"));
    QCOMPARE(model.index(0, 8).data().toString(), QStringLiteral("2"));
    QCOMPARE(model.index(0, 9).data(ErrorsModel::SortRole).toInt(), 2);
    QCOMPARE(model.index(0, 1).data().toString(), QString()); // zero shows blank
    QCOMPARE(model.index(0, 8).data(ErrorsModel::LevelIndexRole).toInt(), 7);
    QCOMPARE(model.rowCount(http429), 1);
    const QModelIndex message = model.index(0, 0, http429);
    QCOMPARE(message.data().toString(), QStringLiteral("Too Many Requests"));
    QCOMPARE(message.data(ErrorsModel::ErrorClassRole).toString(), QStringLiteral("http_429"));
    QCOMPARE(model.index(0, 8, http429).data().toInt(), 2);
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("timeout"));
}

void TestErrorsModel::liveFailuresAreFoldedIn() {
    RunResult run = SyntheticRun::make();
    RunCollection runs;
    const int id = runs.addRun(run, QStringLiteral("live"), true);
    ErrorsModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    quint64 id0 = 100000;
    run.records.append(
        failure(id0++, 7, QStringLiteral("http_429"), QStringLiteral("Too Many Requests")));
    runs.updateRun(id, run, true);
    QCOMPARE(inserted.count(), 0);
    QVERIFY(changed.count() >= 2); // the class row and its message row
    QCOMPARE(model.index(0, 8).data().toInt(), 3);
    run.records.append(
        failure(id0++, 6, QStringLiteral("reset"), QStringLiteral("connection lost")));
    run.records.append(failure(id0++, 6, QStringLiteral("http_429"), QStringLiteral("slow down")));
    runs.updateRun(id, run, true);
    // A new class row, its message, and a new message under http_429.
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("reset"));
    QCOMPARE(model.index(2, 7).data().toInt(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), 2);
    QCOMPARE(model.totalErrors(), 6);
    // Warm-up failures do not count, as in the statistics.
    RequestRecord warm = failure(id0++, 6, QStringLiteral("connect"), QStringLiteral("refused"));
    warm.warmup = true;
    run.records.append(warm);
    runs.updateRun(id, run, true);
    QCOMPARE(model.rowCount(), 3);
}

void TestErrorsModel::newLevelAddsAColumn() {
    const RunResult full = SyntheticRun::make();
    RunCollection runs;
    const int id = runs.addRun(SyntheticRun::prefix(full, 7), QStringLiteral("live"), true);
    ErrorsModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.columnCount(), 9);
    QCOMPARE(model.rowCount(), 0);
    runs.updateRun(id, full, false);
    QCOMPARE(model.columnCount(), 10);
    QCOMPARE(model.rowCount(), 2);
}

void TestErrorsModel::messagesAreCapped() {
    RunResult run = SyntheticRun::make();
    for (int i = 0; i < 200; ++i)
        run.records.append(failure(50000 + i, 7, QStringLiteral("http_5xx"),
                                   QStringLiteral("upstream error id %1").arg(i)));
    RunCollection runs;
    runs.addRun(run, QStringLiteral("a"), false);
    ErrorsModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex cls = model.index(2, 0);
    QCOMPARE(cls.data().toString(), QStringLiteral("http_5xx"));
    QCOMPARE(model.rowCount(cls), ErrorsModel::MaxMessagesPerClass + 1);
    const QModelIndex other = model.index(ErrorsModel::MaxMessagesPerClass, 0, cls);
    QCOMPARE(other.data().toString(), QStringLiteral("(other messages)"));
    QCOMPARE(model.index(ErrorsModel::MaxMessagesPerClass, 9, cls).data().toInt(),
             200 - ErrorsModel::MaxMessagesPerClass);
    QCOMPARE(model.index(2, 9).data().toInt(), 200);
}

void TestErrorsModel::noRunNoRows() {
    RunCollection runs;
    ErrorsModel model(&runs);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 2);
    runs.addRun(SyntheticRun::make(), QStringLiteral("a"), false);
    QCOMPARE(model.rowCount(), 2);
    runs.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestErrorsModel::serverTextIsShownEscaped() {
    // A results file from anywhere may hold raw escape sequences: shown, never obeyed.
    RunResult run = SyntheticRun::make();
    run.records.append(failure(60000, 7, QStringLiteral("http_5xx"),
                               QString::fromUtf16(u"\x1b]0;owned\x07 bad \u202egnp.exe")));
    RunCollection runs;
    runs.addRun(run, QStringLiteral("a"), false);
    ErrorsModel model(&runs);
    const QModelIndex cls = model.index(2, 0);
    QCOMPARE(cls.data().toString(), QStringLiteral("http_5xx"));
    QCOMPARE(model.index(0, 0, cls).data().toString(),
             QStringLiteral("\\x1b]0;owned\\x07 bad \\u202egnp.exe"));
}

QTEST_GUILESS_MAIN(TestErrorsModel)
#include "tst_errorsmodel.moc"

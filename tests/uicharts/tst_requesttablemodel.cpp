#include "models/requestsortproxy.h"
#include "models/requesttablemodel.h"
#include "models/runcollection.h"
#include "syntheticrun.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTimer>

class TestRequestTableModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void listsTheLevelsRequests();
    void warmupOnRequest();
    void liveAppendInsertsRows();
    void replacedRecordsReset();
    void thousandsOfRequests();
    void sortProxySortsLikeSortRole();
    void sortedTableFollowsLiveRows();
    void workerSortSortsLikeSortRole();
    void workerSortOfOtherRowsIsDropped();
    void rowsDuringAWorkerSortEndSorted();
    void largeSortedTableMergesLiveRows();
};

namespace {
// The reference: QSortFilterProxyModel sorting by SortRole (decoding two records per
// comparison), the order the request table had before RequestSortProxy.
class SortRoleProxy : public QSortFilterProxyModel {
public:
    explicit SortRoleProxy(RequestTableModel* model) {
        setSourceModel(model);
        setSortRole(RequestTableModel::SortRole);
    }
};

// A run of the first `records` records of `full` (a live run so far).
RunResult firstRecords(const RunResult& full, qsizetype records) {
    RunResult part = full;
    part.records = full.records.mid(0, records);
    return part;
}

// The source rows in the proxy's order.
QList<int> sourceOrder(const QAbstractProxyModel& proxy) {
    QList<int> rows;
    for (int row = 0; row < proxy.rowCount(); ++row)
        rows.append(proxy.mapToSource(proxy.index(row, 0)).row());
    return rows;
}

// A run whose records differ in every column: texts repeated and distinct, times missing.
RunResult variedRun() {
    SyntheticRun::Options options;
    options.levels = 2;
    options.requestsPerLevel = 300;
    RunResult run = SyntheticRun::make(options);
    QList<RequestRecord> records = run.records.toList();
    for (qsizetype i = 0; i < records.size(); ++i) {
        RequestRecord& r = records[i];
        r.inputTokens = int((i * 7919) % 97);
        if (i % 5 == 0) {
            r.error = i % 2 ? ErrorClass::Timeout : ErrorClass::Http429;
            r.errorMessage = QStringLiteral("message %1").arg((i * 31) % 17);
            r.tFirstContentNs = -1;
        }
        if (i % 11 == 0)
            r.errorMessage = QStringLiteral("Zed %1").arg(i);
    }
    run.records = records;
    return run;
}

// Level 1 of a live run whose first 400 records have come; `full` has the rest.
struct LiveLevel {
    RunResult full = variedRun();
    RunCollection runs;
    int id = runs.addRun(firstRecords(full, 400), QStringLiteral("live"), true);
    RequestTableModel model{&runs};
    LiveLevel() { model.setLevel(1); }
};
} // namespace

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

// The cached keys sort the rows exactly as sorting by SortRole did, ties in their order.
void TestRequestTableModel::sortProxySortsLikeSortRole() {
    RunCollection runs;
    runs.addRun(variedRun(), QStringLiteral("a"), false);
    RequestTableModel model(&runs);
    model.setLevel(1);
    RequestSortProxy cached(&model);
    SortRoleProxy plain(&model);
    for (int column = 0; column < RequestTableModel::ColumnCount; ++column) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            cached.sort(column, order);
            plain.sort(column, order);
            QCOMPARE(sourceOrder(cached), sourceOrder(plain));
        }
    }
    model.setLevel(0); // other rows, as many: keys made anew
    cached.sort(RequestTableModel::InputTokens);
    plain.sort(RequestTableModel::InputTokens);
    QCOMPARE(sourceOrder(cached), sourceOrder(plain));
}

void TestRequestTableModel::sortedTableFollowsLiveRows() {
    LiveLevel live;
    const RunResult& full = live.full;
    RunCollection& runs = live.runs;
    RequestTableModel& model = live.model;
    const int id = live.id;
    RequestSortProxy cached(&model);
    SortRoleProxy plain(&model);
    for (const int column :
         {int(RequestTableModel::InputTokens), int(RequestTableModel::Message)}) {
        cached.sort(column);
        plain.sort(column);
        for (qsizetype n = 450; n <= full.records.size(); n += 50) {
            runs.updateRun(id, firstRecords(full, n), true);
            QCOMPARE(sourceOrder(cached), sourceOrder(plain));
        }
        runs.updateRun(id, firstRecords(full, 400), true); // the start, for the next column
    }
}

namespace {
// Waits, the event loop running, until the proxy's worker has sorted. Bounded so that a sort
// that never ends fails the test instead of hanging it; no figure is asserted.
void waitForTheSort(const RequestSortProxy& proxy) {
    QTRY_VERIFY_WITH_TIMEOUT(!proxy.isSorting(), 120000);
}
} // namespace

// A sort on the worker (as a million rows are) gives the synchronous sort's order; the rows
// keep the order shown until it comes, the event loop runs meanwhile, and the current row
// follows its request.
void TestRequestTableModel::workerSortSortsLikeSortRole() {
    RunCollection runs;
    runs.addRun(variedRun(), QStringLiteral("a"), false);
    RequestTableModel model(&runs);
    model.setLevel(1);
    RequestSortProxy proxy(&model);
    proxy.setWorkerRows(1); // every sort on the worker
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SortRoleProxy plain(&model);
    QSignalSpy sorting(&proxy, &RequestSortProxy::sortingChanged);
    for (int column = 0; column < RequestTableModel::ColumnCount; ++column) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            const QList<int> shown = sourceOrder(proxy);
            const QPersistentModelIndex current = proxy.index(7, column);
            const int currentRow = proxy.mapToSource(current).row();
            bool timerRan = false;
            QTimer::singleShot(0, &proxy, [&timerRan] { timerRan = true; });
            proxy.sort(column, order);
            proxy.sort(column, order); // QTableView::sortByColumn asks twice: one sort
            QVERIFY(proxy.isSorting());
            QCOMPARE(sourceOrder(proxy), shown);
            waitForTheSort(proxy);
            QVERIFY(!proxy.isSorting());
            QVERIFY(timerRan);
            plain.sort(column, order);
            QCOMPARE(sourceOrder(proxy), sourceOrder(plain));
            QCOMPARE(proxy.mapToSource(current).row(), currentRow);
        }
    }
    QCOMPARE(sorting.count(), 2 * 2 * RequestTableModel::ColumnCount);
    QCOMPARE(sorting.last().first().toBool(), false);
    proxy.sort(-1); // the model's order: at once
    QVERIFY(!proxy.isSorting());
    plain.sort(-1);
    QCOMPARE(sourceOrder(proxy), sourceOrder(plain));
}

// Other rows (another level) while a worker sorts: its order is dropped and the new rows are
// sorted by the same column.
void TestRequestTableModel::workerSortOfOtherRowsIsDropped() {
    RunCollection runs;
    runs.addRun(variedRun(), QStringLiteral("a"), false);
    RequestTableModel model(&runs);
    model.setLevel(1);
    RequestSortProxy proxy(&model);
    proxy.setWorkerRows(1);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SortRoleProxy plain(&model);
    plain.sort(RequestTableModel::Message, Qt::DescendingOrder);
    proxy.sort(RequestTableModel::Message, Qt::DescendingOrder);
    QVERIFY(proxy.isSorting());
    model.setLevel(0);
    waitForTheSort(proxy);
    QVERIFY(!proxy.isSorting());
    QCOMPARE(proxy.rowCount(), model.rowCount());
    QCOMPARE(sourceOrder(proxy), sourceOrder(plain));
}

// Rows that come live while a worker sorts are shown at once, and sorted in the end.
void TestRequestTableModel::rowsDuringAWorkerSortEndSorted() {
    LiveLevel live;
    RequestTableModel& model = live.model;
    RequestSortProxy proxy(&model);
    proxy.setWorkerRows(1);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(RequestTableModel::InputTokens);
    QVERIFY(proxy.isSorting());
    live.runs.updateRun(live.id, live.full, false);
    QCOMPARE(proxy.rowCount(), model.rowCount());
    waitForTheSort(proxy);
    QVERIFY(!proxy.isSorting());
    QList<int> rows = sourceOrder(proxy);
    for (int row = 1; row < proxy.rowCount(); ++row)
        QVERIFY(model.index(rows.at(row - 1), RequestTableModel::InputTokens)
                    .data(RequestTableModel::SortRole)
                    .toDouble() <= model.index(rows.at(row), RequestTableModel::InputTokens)
                                       .data(RequestTableModel::SortRole)
                                       .toDouble());
    std::sort(rows.begin(), rows.end());
    for (int row = 0; row < proxy.rowCount(); ++row)
        QCOMPARE(rows.at(row), row); // every row once
}

// A large table sorted by a number takes a live run's new rows at once, merged into the order
// shown (no worker sorts every row again): the order a stable sort of the rows shown and the
// new ones gives, as the worker's sort did. Sorted by a text, the worker sorts them in.
void TestRequestTableModel::largeSortedTableMergesLiveRows() {
    for (const int column :
         {int(RequestTableModel::InputTokens), int(RequestTableModel::Message)}) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            LiveLevel live;
            RequestTableModel& model = live.model;
            RequestSortProxy proxy(&model);
            proxy.setWorkerRows(1); // every table is a large one
            QAbstractItemModelTester tester(&proxy,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            proxy.sort(column, order);
            waitForTheSort(proxy);
            const auto key = [&model, column](int row) {
                return model.index(row, column).data(RequestTableModel::SortRole);
            };
            const auto before = [&key, order](int a, int b) {
                const QVariant x = key(a);
                const QVariant y = key(b);
                const bool less = x.typeId() == QMetaType::QString ? x.toString() < y.toString()
                                                                   : x.toDouble() < y.toDouble();
                const bool greater = x.typeId() == QMetaType::QString ? y.toString() < x.toString()
                                                                      : y.toDouble() < x.toDouble();
                return order == Qt::AscendingOrder ? less : greater;
            };
            for (qsizetype n = 450; n <= live.full.records.size(); n += 50) {
                QList<int> expected = sourceOrder(proxy);
                const int shown = model.rowCount();
                live.runs.updateRun(live.id, firstRecords(live.full, n), true);
                for (int row = shown; row < model.rowCount(); ++row)
                    expected.append(row);
                std::stable_sort(expected.begin(), expected.end(), before);
                const bool merged = column == RequestTableModel::InputTokens;
                QCOMPARE(proxy.isSorting(), !merged);
                waitForTheSort(proxy);
                QCOMPARE(sourceOrder(proxy), expected);
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestRequestTableModel)
#include "tst_requesttablemodel.moc"

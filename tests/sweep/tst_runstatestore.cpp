// RunStateStore: what the engine thread writes and the runner's thread reads — the result
// growing record by record, the open level's snapshot, the journal's first error, and a
// reader that never sees a torn state while a writer appends.
#include "sweep/runstatestore.h"

#include <QTest>
#include <QThread>

namespace {
RequestRecord record(quint64 id, int level) {
    RequestRecord r;
    r.id = id;
    r.level = level;
    return r;
}

LevelRunInfo level(int index) {
    LevelRunInfo info;
    info.index = index;
    info.concurrency = index + 1;
    return info;
}
} // namespace

class TestRunStateStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aRunFromBeginToFinish();
    void theOpenLevelHoldsOnlyItsRecords();
    void theFirstJournalErrorIsKept();
    void aReaderSeesWholeRecordsWhileAWriterAppends();
};

void TestRunStateStore::aRunFromBeginToFinish() {
    RunStateStore store;
    QVERIFY(!store.isRunning());
    RunResult header;
    header.endpointUrl = QStringLiteral("http://127.0.0.1:1/v1");
    RunProgress progress;
    progress.running = true;
    progress.levelCount = 2;
    store.begin(header, progress);
    QVERIFY(store.isRunning());
    QCOMPARE(store.result().endpointUrl, header.endpointUrl);
    QCOMPARE(store.progress().levelCount, 2);

    store.openLevel(level(0));
    store.appendRecord(record(1, 0));
    SweepSummary summary;
    summary.plateau.plateauTps = 42.0;
    store.closeLevel(level(0), summary);
    QCOMPARE(store.result().levels.size(), 1);
    QCOMPARE(store.result().summary.plateau.plateauTps, 42.0);

    progress.inFlight = 5;
    store.setProgress(progress);
    QCOMPARE(store.progress().inFlight, 5);

    RunResult done = store.result();
    done.stopReason = StopReason::Completed;
    store.finish(done);
    QVERIFY(!store.isRunning());
    QCOMPARE(store.result().stopReason, StopReason::Completed);
    QCOMPARE(store.result().records.size(), 1);
    // A finished run has nothing in flight, whatever the last tick said.
    QVERIFY(!store.progress().running);
    QCOMPARE(store.progress().inFlight, 0);
    LevelRunInfo info;
    QList<RequestRecord> records;
    QVERIFY(!store.openLevelSnapshot(&info, &records));
}

void TestRunStateStore::theOpenLevelHoldsOnlyItsRecords() {
    RunStateStore store;
    store.begin(RunResult{}, RunProgress{});
    LevelRunInfo info;
    QList<RequestRecord> records;
    QVERIFY(!store.openLevelSnapshot(&info, &records)); // no level open yet

    store.openLevel(level(0));
    store.appendRecord(record(1, 0));
    store.appendRecord(record(2, 0));
    QVERIFY(store.openLevelSnapshot(&info, &records));
    QCOMPARE(info.index, 0);
    QCOMPARE(records.size(), 2);
    store.closeLevel(level(0), SweepSummary{});
    QVERIFY(!store.openLevelSnapshot(&info, &records));

    store.openLevel(level(1));
    store.appendRecord(record(3, 1));
    QVERIFY(store.openLevelSnapshot(&info, &records));
    QCOMPARE(info.index, 1);
    QCOMPARE(info.concurrency, 2);
    QCOMPARE(records.size(), 1); // not the first level's
    QCOMPARE(records.at(0).id, quint64(3));
    QCOMPARE(store.result().records.size(), 3);

    store.begin(RunResult{}, RunProgress{}); // a new run starts with no level open
    QVERIFY(!store.openLevelSnapshot(&info, &records));
}

void TestRunStateStore::theFirstJournalErrorIsKept() {
    RunStateStore store;
    store.begin(RunResult{}, RunProgress{});
    store.setJournalError(QStringLiteral("No space left on device"));
    store.setJournalError(QStringLiteral("a later failure"));
    QCOMPARE(store.result().journal.error, QStringLiteral("No space left on device"));
}

void TestRunStateStore::aReaderSeesWholeRecordsWhileAWriterAppends() {
    constexpr int kRecords = 20000;
    RunStateStore store;
    store.begin(RunResult{}, RunProgress{});
    store.openLevel(level(0));
    QThread* writer = QThread::create([&store] {
        for (int i = 1; i <= kRecords; ++i)
            store.appendRecord(record(quint64(i), 0));
    });
    writer->start();
    qsizetype seen = 0;
    int reads = 0;
    // Counts only: no assumption about how the two threads interleave.
    while (seen < kRecords) {
        LevelRunInfo info;
        QList<RequestRecord> records;
        QVERIFY(store.openLevelSnapshot(&info, &records));
        QVERIFY(records.size() >= seen); // never goes back
        for (qsizetype i = seen; i < records.size(); ++i)
            QCOMPARE(records.at(i).id, quint64(i + 1)); // in order, none torn or lost
        seen = records.size();
        ++reads;
        if (seen < kRecords)
            QThread::yieldCurrentThread();
    }
    QVERIFY(writer->wait(60000));
    delete writer;
    QCOMPARE(store.result().records.size(), kRecords);
    QVERIFY(reads >= 1);
}

QTEST_GUILESS_MAIN(TestRunStateStore)
#include "tst_runstatestore.moc"

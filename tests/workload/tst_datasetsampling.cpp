#include "datasettestutil.h"
#include "workload/datasetreader.h"

#include <QTemporaryDir>
#include <QTest>

// DatasetReader's options (issue 16): length filters and lists, sampling with and without
// replacement, shuffling, the keep-all cap, progress and cancel, bad options. The formats and
// malformed entries are tst_datasetreader's.
class TestDatasetSampling : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lengthFilter();
    void lengthLists();
    void sampleWithoutReplacement();
    void sampleWithReplacement();
    void shuffle();
    void keepAllCap();
    void progressAndCancel();
    void invalidOptions();
};

void TestDatasetSampling::lengthFilter() {
    DatasetReadOptions options;
    options.minPromptWords = 4;
    options.maxPromptWords = 9;
    // Entry i has (i % 7 + 1) * 2 words: 2, 4, 6, 8, 10, 12, 14, 2, ...
    const DatasetLoadResult r = loadDataset(shareGptFile(70), options);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.entries.size(), 30);
    QCOMPARE(r.usableEntries, 30);
    QCOMPARE(r.filteredOut, 40);
    for (const Conversation& c : r.entries)
        QVERIFY(c.promptWords() >= 4 && c.promptWords() <= 9);
    QCOMPARE(r.promptWords.size(), 30);

    options.minPromptWords = 100;
    options.maxPromptWords = 200;
    const DatasetLoadResult none = loadDataset(shareGptFile(7), options);
    QVERIFY(!none.ok);
    QCOMPARE(
        none.error,
        QStringLiteral("data.json has no entry with a prompt of 100 to 200 words (7 outside)"));
}

void TestDatasetSampling::lengthLists() {
    const DatasetLoadResult r =
        loadDataset("{\"prompt\": \"a b c\", \"completion\": \"d e\"}\n{\"prompt\": \"x\"}\n");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.promptWords, (QList<int>{3, 1}));
    QCOMPARE(r.referenceWords, (QList<int>{2, 0}));

    DatasetReadOptions options;
    options.maxLengthSamples = 10;
    const DatasetLoadResult sampled = loadDataset(shareGptFile(100), options);
    QCOMPARE(sampled.promptWords.size(), 10);
    QCOMPARE(sampled.referenceWords.size(), 10);
    QCOMPARE(sampled.entries.size(), 100); // the length sample does not limit the entries
}

void TestDatasetSampling::sampleWithoutReplacement() {
    DatasetReadOptions options;
    options.sampleCount = 10;
    options.seed = 7;
    const DatasetLoadResult r = loadDataset(shareGptFile(200), options);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.entries.size(), 10);
    QCOMPARE(r.usableEntries, 200);
    QSet<qint64> seen;
    qint64 previous = 0;
    for (const Conversation& c : r.entries) {
        QVERIFY(!seen.contains(c.sourceIndex)); // no duplicates
        seen.insert(c.sourceIndex);
        QVERIFY(c.sourceIndex > previous); // file order kept without shuffle
        previous = c.sourceIndex;
    }
    // Same seed, same sample; another seed, another one.
    QCOMPARE(loadDataset(shareGptFile(200), options).entries, r.entries);
    options.seed = 8;
    QVERIFY(loadDataset(shareGptFile(200), options).entries != r.entries);
    // Fewer entries than asked: all of them.
    options.sampleCount = 50;
    QCOMPARE(loadDataset(shareGptFile(20), options).entries.size(), 20);
}

void TestDatasetSampling::sampleWithReplacement() {
    DatasetReadOptions options;
    options.sampleCount = 40;
    options.withReplacement = true;
    options.seed = 3;
    const DatasetLoadResult r = loadDataset(shareGptFile(5), options);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.entries.size(), 40); // exactly as many as asked, from 5 entries
    QSet<qint64> distinct;
    for (const Conversation& c : r.entries)
        distinct.insert(c.sourceIndex);
    QVERIFY(distinct.size() >= 4);
    QCOMPARE(loadDataset(shareGptFile(5), options).entries, r.entries);
}

void TestDatasetSampling::shuffle() {
    DatasetReadOptions options;
    options.shuffle = true;
    options.seed = 11;
    const DatasetLoadResult r = loadDataset(shareGptFile(50), options);
    QCOMPARE(r.entries.size(), 50);
    QList<qint64> order;
    for (const Conversation& c : r.entries)
        order.append(c.sourceIndex);
    QList<qint64> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    QVERIFY(order != sorted);
    QCOMPARE(sorted.first(), 1);
    QCOMPARE(sorted.last(), 50);
    QCOMPARE(loadDataset(shareGptFile(50), options).entries, r.entries);
}

void TestDatasetSampling::keepAllCap() {
    DatasetReadOptions options;
    options.maxEntries = 25;
    const DatasetLoadResult r = loadDataset(shareGptFile(100), options);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.entries.size(), 25);
    QCOMPARE(r.usableEntries, 100);
    QCOMPARE(r.warnings, QStringList{QStringLiteral("100 usable entries, more than the 25 kept "
                                                    "at most: a uniform sample of 25 is used")});
    QVERIFY(r.entries.last().sourceIndex > 25); // a sample of the whole file, not its head
}

void TestDatasetSampling::progressAndCancel() {
    const QByteArray data = shareGptFile(40000); // several MiB: several progress steps
    QList<qint64> reported;
    qint64 total = 0;
    const DatasetLoadResult r = loadDataset(data, {}, [&](qint64 read, qint64 size) {
        reported.append(read);
        total = size;
        return true;
    });
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(total, data.size());
    QVERIFY(reported.size() >= 3);
    QVERIFY(std::is_sorted(reported.begin(), reported.end()));
    QCOMPARE(reported.last(), data.size());

    int calls = 0;
    const DatasetLoadResult cancelled =
        loadDataset(data, {}, [&](qint64, qint64) { return ++calls < 2; });
    QVERIFY(!cancelled.ok);
    QVERIFY(cancelled.cancelled);
    QCOMPARE(cancelled.error, QStringLiteral("cancelled"));
    QVERIFY(cancelled.entries.isEmpty());
    QCOMPARE(calls, 2); // it stopped at once
}

void TestDatasetSampling::invalidOptions() {
    DatasetReadOptions options;
    options.withReplacement = true;
    QCOMPARE(loadDataset("x", options).error,
             QStringLiteral("sampling with replacement needs a sample size"));
    options = {};
    options.sampleCount = options.maxEntries + 1;
    QCOMPARE(loadDataset("x", options).error,
             QStringLiteral("the sample size 1000001 is outside 0..1000000"));
    options = {};
    options.minPromptWords = 10;
    options.maxPromptWords = 5;
    QCOMPARE(loadDataset("x", options).error,
             QStringLiteral("the maximum prompt length 5 is outside 10..1000000"));
    options = {};
    options.maxEntryBytes = 10;
    QCOMPARE(loadDataset("x", options).error,
             QStringLiteral("the entry size cap 10 bytes is outside 1 KiB..64 MiB"));
}

QTEST_GUILESS_MAIN(TestDatasetSampling)
#include "tst_datasetsampling.moc"

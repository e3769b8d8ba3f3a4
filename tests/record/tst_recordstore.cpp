#include "record/recordstore.h"

#include <QDir>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <atomic>
#include <limits>
#include <thread>

namespace {
// Every field compared, so a field the packing forgets fails here.
void compareRecords(const RequestRecord& a, const RequestRecord& b) {
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.level, b.level);
    QCOMPARE(a.warmup, b.warmup);
    QCOMPARE(a.tSchedNs, b.tSchedNs);
    QCOMPARE(a.tSendNs, b.tSendNs);
    QCOMPARE(a.tHeadersNs, b.tHeadersNs);
    QCOMPARE(a.tFirstEventNs, b.tFirstEventNs);
    QCOMPARE(a.tFirstContentNs, b.tFirstContentNs);
    QCOMPARE(a.tLastContentNs, b.tLastContentNs);
    QCOMPARE(a.tEndNs, b.tEndNs);
    QCOMPARE(a.contentEventNs, b.contentEventNs);
    QCOMPARE(a.outputTokens, b.outputTokens);
    QCOMPARE(a.outputTokensSource, b.outputTokensSource);
    QCOMPARE(a.inputTokens, b.inputTokens);
    QCOMPARE(a.inputTokensSource, b.inputTokensSource);
    QCOMPARE(a.httpStatus, b.httpStatus);
    QCOMPARE(a.finishReason, b.finishReason);
    QCOMPARE(a.error, b.error);
    QCOMPARE(a.errorMessage, b.errorMessage);
    QCOMPARE(a.serverRequestId, b.serverRequestId);
    QCOMPARE(a.requestedOutputTokens, b.requestedOutputTokens);
    QCOMPARE(a.earlyStop, b.earlyStop);
    QCOMPARE(a.prefixGroup, b.prefixGroup);
    QCOMPARE(a.conversationId, b.conversationId);
    QCOMPARE(a.turnIndex, b.turnIndex);
    QCOMPARE(a.sourceIndex, b.sourceIndex);
    QCOMPARE(a.answerText, b.answerText);
    QCOMPARE(a.answerCut, b.answerCut);
    QCOMPARE(a.serverTotalNs, b.serverTotalNs);
    QCOMPARE(a.serverLoadNs, b.serverLoadNs);
    QCOMPARE(a.serverPromptEvalNs, b.serverPromptEvalNs);
    QCOMPARE(a.serverEvalNs, b.serverEvalNs);
}

RequestRecord shortRequest(quint64 id, qint64 sendNs) {
    RequestRecord r;
    r.id = id;
    r.level = 2;
    r.tSchedNs = sendNs - 40'000;
    r.tSendNs = sendNs;
    r.tHeadersNs = sendNs + 2'000'000;
    r.tFirstEventNs = sendNs + 2'100'000;
    r.tFirstContentNs = sendNs + 2'200'000;
    r.tLastContentNs = sendNs + 9'000'000;
    r.tEndNs = sendNs + 9'100'000;
    r.contentEventNs = {r.tFirstContentNs, r.tLastContentNs};
    r.outputTokens = 2;
    r.outputTokensSource = TokenSource::Usage;
    r.inputTokens = 32;
    r.inputTokensSource = TokenSource::Estimate;
    r.httpStatus = 200;
    r.finishReason = QStringLiteral("length");
    r.serverRequestId = QString::number(id);
    r.requestedOutputTokens = 2;
    return r;
}

// Everything unusual: missing moments, times out of order, extremes, text beyond Latin-1.
RequestRecord oddRequest() {
    RequestRecord r;
    r.id = std::numeric_limits<quint64>::max();
    r.level = -1;
    r.warmup = true;
    r.tSchedNs = std::numeric_limits<qint64>::max();
    r.tSendNs = std::numeric_limits<qint64>::min();
    r.tEndNs = 5;
    r.contentEventNs = {7, 3, std::numeric_limits<qint64>::min(), -1, 0};
    r.outputTokens = -3;
    r.outputTokensSource = TokenSource::Estimate;
    r.inputTokensSource = TokenSource::Events;
    r.httpStatus = 503;
    r.error = ErrorClass::Http5xx;
    r.errorMessage = QStringLiteral("server said \u00e9\u4e2d\U0001F600 then closed");
    r.earlyStop = true;
    r.prefixGroup = 12;
    r.conversationId = 1LL << 50;
    r.turnIndex = 4;
    r.sourceIndex = -7;
    r.serverRequestId = QString(QChar(0xD83D)) + QStringLiteral("lone surrogate");
    r.answerText = QStringLiteral("kept only while it is the newest");
    r.answerCut = true;
    r.serverTotalNs = std::numeric_limits<qint64>::max();
    r.serverLoadNs = 0;
    return r;
}
// A smaller budget for one test, the default again after it.
class MemoryBudget {
public:
    explicit MemoryBudget(qint64 bytes) { RecordStore::setMemoryBudget(bytes); }
    ~MemoryBudget() { RecordStore::setMemoryBudget(RecordStore::kDefaultMemoryBudget); }
};

// $TMPDIR for one test, as it was again after it.
class TemporaryDirectory {
public:
    explicit TemporaryDirectory(const QByteArray& path)
        : m_before(qgetenv("TMPDIR")) {
        qputenv("TMPDIR", path);
    }
    ~TemporaryDirectory() {
        if (m_before.isNull())
            qunsetenv("TMPDIR");
        else
            qputenv("TMPDIR", m_before);
    }

private:
    QByteArray m_before;
};

// Short requests, a few long answers among them: within one of the spill's 64 KiB blocks,
// across several, and longer than a whole chunk (1 MiB).
QList<RequestRecord> spillableRun(int count) {
    QRandomGenerator random(31);
    QList<RequestRecord> run;
    for (int i = 0; i < count; ++i) {
        RequestRecord r = shortRequest(quint64(i), 1'000'000'000'000LL + qint64(i) * 1'000'000);
        r.level = i / 1000;
        r.warmup = i % 7 == 0;
        r.error = i % 11 == 0 ? ErrorClass::Timeout : QString();
        const quint32 kind = random.bounded(1000);
        if (kind < 5)
            r.answerText = QString(int(random.bounded(70'000, 140'000)), QChar(u'a' + i % 26));
        else if (kind < 50)
            r.answerText = QString(int(random.bounded(100, 3'000)), QChar(0x4e2d)); // UTF-16
        if (i == count / 3 || i == count / 2)
            r.answerText = QString(1'500'000, QChar(u'z'));
        run.append(r);
    }
    return run;
}

bool sameRecord(const RequestRecord& a, const RequestRecord& b) {
    return a.id == b.id && a.level == b.level && a.warmup == b.warmup && a.error == b.error &&
           a.tSendNs == b.tSendNs && a.contentEventNs == b.contentEventNs &&
           a.answerText == b.answerText;
}
} // namespace

class TestRecordStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void givesBackEveryFieldExactly() {
        RecordStore store;
        QVERIFY(store.isEmpty());
        QList<RequestRecord> appended;
        for (int i = 0; i < 50; ++i)
            appended.append(shortRequest(quint64(100 + i), 1'000'000'000'000LL + i * 3'000'000));
        appended.insert(20, oddRequest());
        appended.append(RequestRecord{}); // every field at its default
        appended.append(shortRequest(7, 0));
        for (const RequestRecord& r : std::as_const(appended))
            store.append(r);
        QCOMPARE(store.size(), appended.size());
        for (qsizetype i = 0; i < appended.size(); ++i)
            compareRecords(store.at(i), appended.at(i));
        qsizetype i = 0;
        for (const RequestRecord& r : store) // iteration decodes the same records
            compareRecords(r, appended.at(i++));
        QCOMPARE(i, appended.size());
        compareRecords(store.first(), appended.first());
        compareRecords(store.constLast(), appended.last());
    }

    void manyRecordsAcrossChunksStaySmall() {
        // 100,000 short requests span several 1 MB chunks; each costs ~60-75 bytes (index and
        // the chunks' unused tail included) where the bare struct alone is sizeof(RequestRecord).
        RecordStore store;
        const int count = 100'000;
        for (int i = 0; i < count; ++i)
            store.append(shortRequest(quint64(i), 5'000'000'000'000LL + qint64(i) * 1'234'567));
        QCOMPARE(store.size(), count);
        compareRecords(store.at(0), shortRequest(0, 5'000'000'000'000LL));
        compareRecords(store.at(77'777),
                       shortRequest(77'777, 5'000'000'000'000LL + 77'777LL * 1'234'567));
        compareRecords(
            store.at(count - 1),
            shortRequest(count - 1, 5'000'000'000'000LL + qint64(count - 1) * 1'234'567));
        const double perRecord = double(store.packedBytes()) / count;
        QVERIFY2(perRecord < 80, qPrintable(QString::number(perRecord)));
        QVERIFY(perRecord < double(sizeof(RequestRecord)));
    }

    void lastIsTheNewestAndMayBeEdited() {
        RecordStore store;
        store.append(shortRequest(1, 1000));
        store.append(shortRequest(2, 2000));
        store.last().errorMessage = QStringLiteral("edited");
        QCOMPARE(store.at(1).errorMessage, QStringLiteral("edited"));
        store.append(shortRequest(3, 3000)); // the edit is packed with the record
        QCOMPARE(store.at(1).errorMessage, QStringLiteral("edited"));
        QCOMPARE(store.last().id, quint64(3));
    }

    void midSharesAndCopiesStayApart() {
        RecordStore store;
        for (int i = 0; i < 10; ++i)
            store << shortRequest(quint64(i), 1'000'000 * i);
        const RecordStore tail = store.mid(6);
        QCOMPARE(tail.size(), 4);
        QCOMPARE(tail.first().id, quint64(6));
        QCOMPARE(tail.constLast().id, quint64(9));
        const RecordStore middle = store.mid(2, 3);
        QCOMPARE(middle.size(), 3);
        QCOMPARE(middle.at(0).id, quint64(2));
        QCOMPARE(middle.constLast().id, quint64(4));
        QVERIFY(store.mid(10).isEmpty());
        QVERIFY(store.mid(3, 0).isEmpty());

        RecordStore copy = store;
        copy.append(shortRequest(99, 5));
        QCOMPARE(store.size(), 10); // the original did not change
        QCOMPARE(copy.size(), 11);
        QCOMPARE(copy.at(9).id, quint64(9));
        QCOMPARE(tail.size(), 4);

        const QList<RequestRecord> list = middle; // reads like a QList
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(2).id, quint64(4));
        const RecordStore back = list;
        QCOMPARE(back.at(1).id, quint64(3));
        store.clear();
        QVERIFY(store.isEmpty());
    }

    void randomRecordsRoundTrip() {
        QRandomGenerator random(17);
        QList<RequestRecord> appended;
        RecordStore store;
        for (int i = 0; i < 2000; ++i) {
            RequestRecord r = shortRequest(random.generate64(), qint64(random.generate64()));
            r.tHeadersNs = random.bounded(3) == 0 ? -1 : qint64(random.generate64());
            r.contentEventNs.clear();
            for (int e = int(random.bounded(6)); e > 0; --e)
                r.contentEventNs.append(qint64(random.generate64()));
            r.error = random.bounded(2) ? ErrorClass::Timeout : QString();
            if (random.bounded(2)) { // Ollama's own timings (issue 14), or none
                r.serverPromptEvalNs = qint64(random.bounded(1'000'000'000));
                r.serverEvalNs = qint64(random.generate64() >> 1);
            }
            appended.append(r);
            store.append(r);
        }
        for (qsizetype i = 0; i < appended.size(); ++i)
            compareRecords(store.at(i), appended.at(i));
    }

    // Past the memory budget the oldest chunks go to the spill file and come back exactly,
    // in order and scattered, through brief(), the index, slices, a copy that outlives the
    // store, and threads reading at once.
    void spilledChunksComeBackExactly() {
        const MemoryBudget budget(2 << 20);
        const QList<RequestRecord> run = spillableRun(20'000);
        RecordStore store;
        for (const RequestRecord& r : run)
            store.append(r);
        QVERIFY2(store.spilledBytes() > 8 << 20, qPrintable(QString::number(store.spilledBytes())));
        QVERIFY2(store.packedBytes() < 7 << 20, qPrintable(QString::number(store.packedBytes())));
        for (qsizetype i = 0; i < run.size(); ++i) {
            compareRecords(store.at(i), run.at(i));
            if (QTest::currentTestFailed())
                return;
        }
        QRandomGenerator random(37);
        for (int n = 0; n < 3000; ++n) { // a sorted table's rows: scattered over the file
            const qsizetype i = random.bounded(run.size());
            QVERIFY(sameRecord(store.at(i), run.at(i)));
            const RecordStore::Brief brief = store.brief(i);
            QCOMPARE(brief.id, run.at(i).id);
            QCOMPARE(brief.failed, !run.at(i).ok());
        }
        QList<int> expected;
        for (qsizetype i = 0; i < run.size(); ++i) {
            if (run.at(i).level == 4 && !run.at(i).warmup)
                expected.append(int(i));
        }
        QCOMPARE(store.levelIndices(4, false), expected);

        const RecordStore slice = store.mid(6'500, 7'000);
        for (qsizetype i = 0; i < slice.size(); ++i)
            QVERIFY(sameRecord(slice.at(i), run.at(6'500 + i)));
        RecordStore copy = store;
        store.clear(); // the copy keeps the spill file open
        std::atomic<int> wrong{0};
        std::vector<std::thread> readers;
        for (int t = 0; t < 3; ++t) {
            readers.emplace_back([&copy, &run, &wrong, t] {
                for (qsizetype i = t; i < run.size(); i += 2)
                    wrong += sameRecord(copy.at(i), run.at(i)) ? 0 : 1;
            });
        }
        for (std::thread& reader : readers)
            reader.join();
        QCOMPARE(wrong.load(), 0);
        copy.append(shortRequest(1, 2)); // a copy grows and spills on its own
        for (const RequestRecord& r : run)
            copy.append(r);
        QCOMPARE(copy.size(), 2 * run.size() + 1);
        QVERIFY(sameRecord(copy.at(run.size() + 1 + 12'345), run.at(12'345)));
        QVERIFY(sameRecord(copy.at(77), run.at(77)));
    }

    // No spill file can be made: the records stay in memory, all of them, and a warning says
    // why once.
    void spillThatFailsKeepsEverythingInMemory() {
        const MemoryBudget budget(1 << 20);
        // A directory no file can be made in (Qt takes /tmp instead of one that is missing).
        const TemporaryDirectory proc("/proc");
        QCOMPARE(QDir::tempPath(), QStringLiteral("/proc"));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral(
                                 "keeps every record in memory.*cannot make a temporary file")));
        const QList<RequestRecord> run = spillableRun(6'000);
        RecordStore store;
        for (const RequestRecord& r : run)
            store.append(r);
        QCOMPARE(store.spilledBytes(), 0);
        QVERIFY(store.packedBytes() > 2 << 20);
        for (qsizetype i = 0; i < run.size(); ++i)
            QVERIFY(sameRecord(store.at(i), run.at(i)));
    }

    void briefReadsTheFrontOnly() {
        // brief() is what the GUI's tables scan a million records with: the same id, level,
        // warm-up and failure as the whole record, packed or the newest (kept whole).
        QRandomGenerator random(23);
        RecordStore store;
        for (int i = 0; i < 500; ++i) {
            RequestRecord r = shortRequest(random.generate64(), qint64(random.generate64()));
            r.level = int(random.bounded(7)) - 1; // -1: a calibration probe
            r.warmup = random.bounded(3) == 0;
            r.error = random.bounded(2) ? ErrorClass::Reset : QString();
            store.append(r);
            for (const qsizetype at : {qsizetype(0), store.size() / 2, store.size() - 1}) {
                const RequestRecord whole = store.at(at);
                const RecordStore::Brief brief = store.brief(at);
                QCOMPARE(brief.id, whole.id);
                QCOMPARE(brief.level, whole.level);
                QCOMPARE(brief.warmup, whole.warmup);
                QCOMPARE(brief.failed, !whole.ok());
            }
        }
    }

    void indicesFromTheIndexAlone() {
        // levelIndices() and failedIndices() choose as brief() does, levels that do not fit
        // the index's bits (very large, very negative) included, the newest record too.
        QRandomGenerator random(29);
        RecordStore store;
        const QList<int> levels = {-1, 0, 1, 5, 1021, 1022, 5000, -7};
        for (int i = 0; i < 700; ++i) {
            RequestRecord r = shortRequest(random.generate64(), qint64(random.generate64()));
            r.level = levels.at(int(random.bounded(qsizetype(levels.size()))));
            r.warmup = random.bounded(3) == 0;
            r.error = random.bounded(3) == 0 ? ErrorClass::Http5xx : QString();
            store.append(r);
        }
        QList<int> failed;
        for (qsizetype i = 0; i < store.size(); ++i) {
            if (store.brief(i).failed)
                failed.append(int(i));
        }
        QCOMPARE(store.failedIndices(), failed);
        for (const int level : levels + QList<int>{3, 9999}) {
            for (const bool withWarmup : {false, true}) {
                QList<int> expected;
                for (qsizetype i = 0; i < store.size(); ++i) {
                    const RecordStore::Brief brief = store.brief(i);
                    if (brief.level == level && (withWarmup || !brief.warmup))
                        expected.append(int(i));
                }
                QCOMPARE(store.levelIndices(level, withWarmup), expected);
            }
        }
        // A slice keeps the bits of its records.
        const RecordStore slice = store.mid(100, 300);
        QList<int> sliceFailed;
        for (qsizetype i = 0; i < slice.size(); ++i) {
            if (slice.brief(i).failed)
                sliceFailed.append(int(i));
        }
        QCOMPARE(slice.failedIndices(), sliceFailed);
        QVERIFY(RecordStore().levelIndices(0, true).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRecordStore)
#include "tst_recordstore.moc"

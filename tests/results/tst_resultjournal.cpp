#include "resultfixtures.h"
#include "results/recordjson.h"
#include "results/resultjournal.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace {
QList<QJsonObject> readLines(const QString& path, bool* allValid) {
    QFile file(path);
    QList<QJsonObject> lines;
    *allValid = file.open(QIODevice::ReadOnly);
    const QByteArray data = file.readAll();
    if (!data.isEmpty() && !data.endsWith('\n'))
        *allValid = false;
    for (const QByteArray& line : data.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            *allValid = false;
        lines.append(document.object());
    }
    return lines;
}
} // namespace

class TestResultJournal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void writesEveryLineType();
    void eachLineIsOnDiskBeforeClose();
    void concurrentAppendsNeverInterleave();
    void openFailureIsReported();
    void writesAfterCloseAreIgnored();
    void aFailedWriteIsReportedOnceAndAtOnce();
    void onlyRegularFilesAreJournaledTo();
    void anUnfinishedJournalIsNeverTruncated();
    void aFinishedJournalIsReplaced();
};

void TestResultJournal::writesEveryLineType() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.journal.jsonl"));
    const RunResult run = ResultFixtures::twoLevelRun();
    ResultJournal journal;
    QString error;
    QVERIFY2(journal.open(path, &error), qPrintable(error));
    QVERIFY(journal.isOpen());
    QCOMPARE(journal.path(), path);
    journal.writeRunStart(run);
    journal.writeLevelStart(run.levels.at(0));
    journal.writeRecord(run.records.at(0));
    journal.writeLevelEnd(run.levels.at(0));
    journal.writeRunEnd(StopReason::Plateau, false);
    journal.close();
    QVERIFY(!journal.isOpen());
    QVERIFY(journal.error().isEmpty());

    bool valid = false;
    const QList<QJsonObject> lines = readLines(path, &valid);
    QVERIFY(valid);
    QCOMPARE(lines.size(), 5);
    const QJsonObject header = lines.at(0);
    QCOMPARE(header.value(QStringLiteral("type")).toString(), QStringLiteral("run"));
    QCOMPARE(header.value(QStringLiteral("schema")).toString(),
             QStringLiteral("plateau.journal/2"));
    QCOMPARE(header.value(QStringLiteral("run_start_ns")).toInteger(), ResultFixtures::kRunStartNs);
    QCOMPARE(header.value(QStringLiteral("started_at")).toString(),
             QStringLiteral("2025-03-04T05:06:07.089Z"));
    QCOMPARE(header.value(QStringLiteral("endpoint_url")).toString(), run.endpointUrl);
    QCOMPARE(header.value(QStringLiteral("profile"))
                 .toObject()
                 .value(QStringLiteral("schema"))
                 .toString(),
             QStringLiteral("plateau.profile/2"));
    QCOMPARE(lines.at(1).value(QStringLiteral("type")).toString(), QStringLiteral("level_start"));
    QCOMPARE(lines.at(2).value(QStringLiteral("type")).toString(), QStringLiteral("request"));
    QCOMPARE(lines.at(2).value(QStringLiteral("t_send_ns")).toInteger(), run.records.at(0).tSendNs);
    QCOMPARE(lines.at(3).value(QStringLiteral("type")).toString(), QStringLiteral("level_end"));
    QCOMPARE(lines.at(4).value(QStringLiteral("type")).toString(), QStringLiteral("end"));
    QCOMPARE(lines.at(4).value(QStringLiteral("stop_reason")).toString(),
             QStringLiteral("plateau"));
}

void TestResultJournal::eachLineIsOnDiskBeforeClose() {
    // A kill leaves only what reached the kernel: every append must be there at once.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("j.jsonl"));
    const RunResult run = ResultFixtures::twoLevelRun();
    ResultJournal journal;
    QVERIFY(journal.open(path, nullptr));
    journal.writeRunStart(run);
    for (int i = 0; i < 3; ++i) {
        journal.writeRecord(run.records.at(i));
        bool valid = false;
        QCOMPARE(readLines(path, &valid).size(), i + 2);
        QVERIFY(valid);
    }
}

void TestResultJournal::concurrentAppendsNeverInterleave() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("j.jsonl"));
    ResultJournal journal;
    QVERIFY(journal.open(path, nullptr));
    constexpr int kThreads = 4;
    constexpr int kPerThread = 300;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back(QThread::create([&journal, t] {
            for (int i = 0; i < kPerThread; ++i) {
                // Long lines (many events) make a torn or interleaved write likely if unsafe.
                RequestRecord r =
                    ResultFixtures::success(quint64(t * kPerThread + i), t, i, 10, 1, 200);
                journal.writeRecord(r);
            }
        }));
        threads.back()->start();
    }
    for (auto& thread : threads)
        QVERIFY(thread->wait(60000));
    journal.close();
    bool valid = false;
    const QList<QJsonObject> lines = readLines(path, &valid);
    QVERIFY(valid);
    QCOMPARE(lines.size(), kThreads * kPerThread);
    QSet<quint64> ids;
    for (const QJsonObject& line : lines) {
        const RequestRecord r = RecordJson::fromJournalJson(line);
        QCOMPARE(r.contentEventNs.size(), 200);
        ids.insert(r.id);
    }
    QCOMPARE(ids.size(), kThreads * kPerThread);
}

void TestResultJournal::openFailureIsReported() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no/such/dir/j.jsonl"));
    ResultJournal journal;
    QString error;
    QVERIFY(!journal.open(path, &error));
    QVERIFY(!journal.isOpen());
    QVERIFY2(error.startsWith(path + QStringLiteral(": ")), qPrintable(error));
    journal.writeRecord(RequestRecord{}); // harmless when not open
}

void TestResultJournal::writesAfterCloseAreIgnored() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("j.jsonl"));
    ResultJournal journal;
    QVERIFY(journal.open(path, nullptr));
    journal.writeRunEnd(StopReason::Completed, false);
    journal.close();
    journal.writeRunEnd(StopReason::Cancelled, true);
    bool valid = false;
    QCOMPARE(readLines(path, &valid).size(), 1);
    QVERIFY(valid);
}

void TestResultJournal::aFailedWriteIsReportedOnceAndAtOnce() {
    // /dev/full fails every write with ENOSPC, as a full disk does. Before the fix the
    // failure was only remembered: nobody heard of it until the run claimed success.
    const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    QVERIFY(fd >= 0);
    ResultJournal journal;
    journal.adopt(fd, QStringLiteral("full.jsonl"));
    QStringList reported;
    journal.setFailureHandler([&](const QString& error) { reported << error; });
    const RunResult run = ResultFixtures::twoLevelRun();
    journal.writeRunStart(run);
    QCOMPARE(reported,
             QStringList{QStringLiteral("full.jsonl: cannot write: No space left on device")});
    journal.writeRecord(run.records.at(0));
    journal.writeRunEnd(StopReason::Completed, false);
    journal.close();
    QCOMPARE(reported.size(), 1); // once
    QCOMPARE(journal.error(), reported.first());
    QCOMPARE(journal.linesWritten(), 0);
}

void TestResultJournal::onlyRegularFilesAreJournaledTo() {
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    for (const QString& path : {QStringLiteral("/dev/null"), fifo, dir.path()}) {
        ResultJournal journal;
        QString error;
        QVERIFY(!journal.open(path, &error)); // at once: no waiting for a FIFO's reader
        QVERIFY2(error.contains(QStringLiteral("not a regular file")), qPrintable(error));
    }
    struct stat st = {};
    QVERIFY(::stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
}

void TestResultJournal::anUnfinishedJournalIsNeverTruncated() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.journal.jsonl"));
    const RunResult run = ResultFixtures::twoLevelRun();
    {
        ResultJournal killed; // a run killed after its first record: no end line
        QVERIFY(killed.open(path, nullptr));
        killed.writeRunStart(run);
        killed.writeRecord(run.records.at(0));
    }
    QFile original(path);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray before = original.readAll();

    ResultJournal next;
    QString error;
    QString note;
    QVERIFY2(next.open(path, &error, &note), qPrintable(error));
    QCOMPARE(next.path(), dir.filePath(QStringLiteral("r.journal.1.jsonl")));
    QVERIFY2(note.startsWith(path + QStringLiteral(" is kept")), qPrintable(note));
    QVERIFY2(note.contains(QStringLiteral("plateau-cli recover ") + path), qPrintable(note));
    next.writeRunStart(run);
    next.close();
    QFile again(path);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), before);

    // And the one after that takes the next free name; a file that is not a journal at
    // all is kept the same way.
    QCOMPARE(ResultJournal::availablePath(path, &note),
             dir.filePath(QStringLiteral("r.journal.2.jsonl")));
    const QString notes = dir.filePath(QStringLiteral("notes"));
    QFile text(notes);
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("my own notes\n");
    text.close();
    QCOMPARE(ResultJournal::availablePath(notes, &note), notes + QStringLiteral(".1"));
}

void TestResultJournal::aFinishedJournalIsReplaced() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.journal.jsonl"));
    const RunResult run = ResultFixtures::twoLevelRun();
    {
        ResultJournal finished;
        QVERIFY(finished.open(path, nullptr));
        finished.writeRunStart(run);
        finished.writeRunEnd(StopReason::Completed, false);
    }
    QString note;
    QCOMPARE(ResultJournal::availablePath(path, &note), path);
    QVERIFY(note.isEmpty());
    QFile empty(dir.filePath(QStringLiteral("empty.jsonl")));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    QCOMPARE(ResultJournal::availablePath(empty.fileName(), &note), empty.fileName());
}

QTEST_GUILESS_MAIN(TestResultJournal)
#include "tst_resultjournal.moc"

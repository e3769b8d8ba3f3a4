#include "metrics/levelaggregator.h"
#include "metrics/sweepaggregator.h"
#include "resultfixtures.h"
#include "results/journalreader.h"
#include "results/resultjournal.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace {
// Writes `run` as the live engine does, level by level; lastLevelEnds=false stops inside
// the last level (the run was killed there).
QString writeJournal(const QTemporaryDir& dir, const RunResult& run, bool lastLevelEnds = true,
                     bool runEnds = true, bool calibrationDecided = true) {
    const QString path = dir.filePath(QStringLiteral("run.journal.jsonl"));
    ResultJournal journal;
    if (!journal.open(path, nullptr))
        qFatal("cannot open journal");
    journal.writeRunStart(run);
    // The probes as they finish, then the decision (as the engine writes them).
    for (const RequestRecord& probe : run.calibration.probes)
        journal.writeCalibrationProbe(probe);
    if (!run.calibration.isEmpty() && calibrationDecided)
        journal.writeCalibration(run.calibration);
    if (!calibrationDecided)
        return path; // killed between the probes and the decision
    for (const LevelRunInfo& info : run.levels) {
        LevelRunInfo start = info; // what the engine knows when a level starts
        start.issueStopNs = -1;
        start.endNs = -1;
        start.complete = false;
        journal.writeLevelStart(start);
        for (const RequestRecord& r : run.records) {
            if (r.level == info.index)
                journal.writeRecord(r);
        }
        if (lastLevelEnds || info.index != run.levels.last().index)
            journal.writeLevelEnd(info);
    }
    if (runEnds)
        journal.writeRunEnd(run.stopReason, run.cancelled);
    return path;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& data) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write");
    file.write(data);
}

QByteArray summaryJson(const LevelSummary& s) {
    return QJsonDocument(s.toJson()).toJson();
}
} // namespace

class TestJournalReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void completeJournalRebuildsTheRun();
    void killedMidLineKeepsEverythingBefore();
    void everyCutPointIsReadable();
    void levelWithoutStartLineUsesThePlan();
    void corruptMiddleLineIsSkipped();
    void errors_data();
    void errors();
    void missingFile();
    void calibrationIsRebuilt();
    void killedBeforeTheCalibrationDecision();
    void aJournalRepeatedIsCountedOnce();
    void levelsInterleavedAreGroupedAsInOrder();
    void aSecondRunIsRefused();
    void devicesAndPipesAreCapped();
    void anOldCamelCaseJournalStillRecovers();
    void aJournalLongerThanOneReadIsReadInPieces();
};

void TestJournalReader::completeJournalRebuildsTheRun() {
    QTemporaryDir dir;
    const RunResult run = ResultFixtures::twoLevelRun();
    const QString path = writeJournal(dir, run);
    QVERIFY(readAll(path).contains("\"schema\":\"plateau.journal/2\""));
    QString error;
    QString warning;
    const std::optional<RunResult> back = JournalReader::read(path, &error, &warning);
    QVERIFY2(back.has_value(), qPrintable(error));
    QVERIFY2(warning.isEmpty(), qPrintable(warning));
    QCOMPARE(back->runStartNs, run.runStartNs);
    QCOMPARE(back->startedAt, run.startedAt);
    QCOMPARE(back->endpointUrl, run.endpointUrl);
    QVERIFY(back->profile == run.profile);
    QCOMPARE(StopReasons::key(back->stopReason), QStringLiteral("completed"));
    QCOMPARE(back->records.size(), run.records.size());
    for (qsizetype i = 0; i < run.records.size(); ++i) {
        QCOMPARE(back->records.at(i).id, run.records.at(i).id);
        QCOMPARE(back->records.at(i).contentEventNs, run.records.at(i).contentEventNs);
        QCOMPARE(back->records.at(i).tEndNs, run.records.at(i).tEndNs);
    }
    QCOMPARE(back->levels.size(), 2);
    QCOMPARE(back->summary.levels.size(), 2);
    // Exactly what the live run computes from the same records.
    QList<LevelSummary> live;
    for (const LevelRunInfo& info : run.levels) {
        QList<RequestRecord> records;
        for (const RequestRecord& r : run.records) {
            if (r.level == info.index)
                records.append(r);
        }
        live.append(LevelAggregator::summarize(info, records, run.profile.budget, run.runStartNs));
    }
    const SweepSummary sweep =
        SweepAggregator::summarize(live, run.profile.budget, run.profile.plan.plateauGainThreshold);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(summaryJson(back->summary.levels.at(i)), summaryJson(sweep.levels.at(i)));
    QCOMPARE(back->summary.plateau.toJson(), sweep.plateau.toJson());
    QCOMPARE(back->summary.budget.toJson(), sweep.budget.toJson());
    QVERIFY(back->summary.levels.at(0).complete);
    QCOMPARE(back->summary.levels.at(1).requests, 7); // 6 successes + 1 failure, no warm-up
}

void TestJournalReader::killedMidLineKeepsEverythingBefore() {
    QTemporaryDir dir;
    const RunResult run = ResultFixtures::twoLevelRun();
    const QString path = writeJournal(dir, run, /*lastLevelEnds=*/false, /*runEnds=*/false);
    QByteArray data = readAll(path);
    // Cut the last request line in half, as a kill during its write would.
    const qsizetype lastLineStart = data.lastIndexOf('\n', data.size() - 2) + 1;
    const qsizetype cut = lastLineStart + (data.size() - lastLineStart) / 2;
    writeAll(path, data.left(cut));

    QString error;
    QString warning;
    const std::optional<RunResult> back = JournalReader::read(path, &error, &warning);
    QVERIFY2(back.has_value(), qPrintable(error));
    QVERIFY2(warning.contains(QStringLiteral("the last line was cut off")), qPrintable(warning));
    QVERIFY2(warning.contains(QStringLiteral("level 2 has no end line")), qPrintable(warning));
    QVERIFY2(warning.contains(QStringLiteral("the run did not finish")), qPrintable(warning));
    QCOMPARE(back->records.size(), run.records.size() - 1);
    QCOMPARE(back->records.last().id, run.records.at(run.records.size() - 2).id);
    // A killed run says so in the result itself (before: cancelled false, no stop reason).
    QCOMPARE(StopReasons::key(back->stopReason), QStringLiteral("interrupted"));
    QVERIFY(back->cancelled);
    QCOMPARE(back->journal.path, path);
    QVERIFY(back->journal.recovered);
    QCOMPARE(back->levels.size(), 2);
    QVERIFY(back->levels.at(0).complete);
    QVERIFY(!back->levels.at(1).complete);
    QVERIFY(back->summary.levels.at(0).complete);
    QVERIFY(!back->summary.levels.at(1).complete);
    QCOMPARE(back->summary.levels.at(1).requests, 6); // the failure was the torn line
    // The partial level's end is its last finished request.
    qint64 lastEnd = -1;
    for (const RequestRecord& r : back->records) {
        if (r.level == 1)
            lastEnd = std::max(lastEnd, r.tEndNs);
    }
    QCOMPARE(back->levels.at(1).endNs, lastEnd);
    QCOMPARE(back->levels.at(1).issueStopNs, lastEnd);
    QCOMPARE(back->levels.at(1).startNs, run.levels.at(1).startNs);
}

void TestJournalReader::everyCutPointIsReadable() {
    QTemporaryDir dir;
    const RunResult run = ResultFixtures::twoLevelRun();
    const QByteArray data = readAll(writeJournal(dir, run));
    const qsizetype headerEnd = data.indexOf('\n') + 1;
    qsizetype previousRecords = 0;
    int cuts = 0;
    for (qsizetype cut = 0; cut <= data.size(); cut += 13, ++cuts) {
        QString error;
        QString warning;
        const std::optional<RunResult> back =
            JournalReader::parse(data.left(cut), QStringLiteral("cut"), &error, &warning);
        // Up to the header's closing brace nothing is recoverable; from there on (even
        // before its newline) the header is complete and the journal readable.
        if (cut < headerEnd - 1) {
            QVERIFY2(!back.has_value(), "no header, nothing to rebuild");
            QVERIFY(!error.isEmpty());
            continue;
        }
        QVERIFY2(back.has_value(), qPrintable(QString::number(cut) + QLatin1Char(' ') + error));
        QVERIFY(back->records.size() >= previousRecords); // never loses what it had
        previousRecords = back->records.size();
    }
    QVERIFY(cuts > 100);
    QCOMPARE(previousRecords, run.records.size());
}

void TestJournalReader::levelWithoutStartLineUsesThePlan() {
    const RunResult run = ResultFixtures::twoLevelRun();
    QTemporaryDir dir;
    QByteArray data = readAll(writeJournal(dir, run));
    QList<QByteArray> kept;
    for (const QByteArray& line : data.split('\n')) {
        if (!line.contains("\"type\":\"level_")) // drop every level line
            kept.append(line);
    }
    QString error;
    QString warning;
    const auto back = JournalReader::parse(kept.join('\n'), QStringLiteral("j"), &error, &warning);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->levels.size(), 2);
    QCOMPARE(back->levels.at(1).concurrency, 2); // from plan.concurrencies
    QVERIFY(!back->levels.at(1).complete);
    QCOMPARE(back->summary.levels.at(1).concurrency, 2);
}

void TestJournalReader::corruptMiddleLineIsSkipped() {
    const RunResult run = ResultFixtures::twoLevelRun();
    QTemporaryDir dir;
    QList<QByteArray> lines = readAll(writeJournal(dir, run)).split('\n');
    lines[3] = "{\"type\":\"request\", garbage";
    lines[4] = "[1,2,3]";
    QString error;
    QString warning;
    const auto back = JournalReader::parse(lines.join('\n'), QStringLiteral("j"), &error, &warning);
    QVERIFY2(back.has_value(), qPrintable(error));
    QVERIFY2(warning.contains(QStringLiteral("2 unreadable line(s) skipped")), qPrintable(warning));
    QCOMPARE(back->records.size(), run.records.size() - 2);
}

void TestJournalReader::errors_data() {
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("is empty");
    QTest::newRow("blank lines") << QByteArray("\n\n") << QStringLiteral("is empty");
    QTest::newRow("not JSON") << QByteArray("hello\n{}\n")
                              << QStringLiteral("not a Plateau journal (line 1 is not JSON)");
    QTest::newRow("other JSON")
        << QByteArray("{\"type\":\"request\"}\n")
        << QStringLiteral("not a Plateau journal (the first line is not a run header)");
    QTest::newRow("other schema") << QByteArray(R"({"type":"run","schema":"x/1"})"
                                                "\n")
                                  << QStringLiteral("not a Plateau journal (schema \"x/1\"");
    QTest::newRow("newer schema")
        << QByteArray(R"({"type":"run","schema":"plateau.journal/3","profile":{}})"
                      "\n")
        << QStringLiteral("was written by a newer Plateau (plateau.journal/3); this build reads "
                          "plateau.journal/2");
    QTest::newRow("no profile") << QByteArray(R"({"type":"run","schema":"plateau.journal/1"})"
                                              "\n")
                                << QStringLiteral("the run header has no profile");
    QTest::newRow("bad profile")
        << QByteArray(
               R"({"type":"run","schema":"plateau.journal/1","profile":{"schema":"plateau.profile/1","x":1}})"
               "\n")
        << QStringLiteral("the journal's profile is unreadable: unknown field 'x'");
    QTest::newRow("torn header") << QByteArray(R"({"type":"run","schema":"plateau.jo)")
                                 << QStringLiteral("the run header was cut off");
}

void TestJournalReader::errors() {
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!JournalReader::parse(data, QStringLiteral("j.jsonl"), &error).has_value());
    QVERIFY2(error.startsWith(QStringLiteral("j.jsonl: ")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

void TestJournalReader::missingFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("none.jsonl"));
    QString error;
    QVERIFY(!JournalReader::read(path, &error).has_value());
    QCOMPARE(error, path + QStringLiteral(": no such file"));
    QVERIFY(!JournalReader::read(dir.path(), &error).has_value());
    QVERIFY2(error.endsWith(QStringLiteral("is a directory, not a journal")), qPrintable(error));
}

void TestJournalReader::aJournalRepeatedIsCountedOnce() {
    // `cat j j > k`: before, every request came back twice, with no word about it.
    QTemporaryDir dir;
    const RunResult run = ResultFixtures::withCalibration(ResultFixtures::twoLevelRun());
    const QByteArray once = readAll(writeJournal(dir, run));
    QString error;
    QString warning;
    const auto single = JournalReader::parse(once, QStringLiteral("j"), &error, &warning);
    QVERIFY2(single.has_value(), qPrintable(error));
    QVERIFY(!warning.contains(QStringLiteral("repeats")));
    const auto twice = JournalReader::parse(once + once, QStringLiteral("jj"), &error, &warning);
    QVERIFY2(twice.has_value(), qPrintable(error));
    QCOMPARE(twice->records.size(), run.records.size());
    QCOMPARE(twice->calibration.probes.size(), run.calibration.probes.size());
    const qsizetype lines = once.count('\n');
    QVERIFY2(warning.contains(QStringLiteral("the journal repeats itself (%1 duplicate line(s), "
                                             "counted once)")
                                  .arg(1 + run.records.size() + run.calibration.probes.size())),
             qPrintable(warning));
    QVERIFY(lines > run.records.size());
    QCOMPARE(twice->summary.levels.size(), single->summary.levels.size());
    for (qsizetype i = 0; i < single->summary.levels.size(); ++i)
        QCOMPARE(twice->summary.levels.at(i).requests, single->summary.levels.at(i).requests);
}

// Levels run one after another, so the rebuilder slices each level's records out of the
// store; a journal where they interleave (merged or edited by hand) takes the copying path
// and must give the same levels.
void TestJournalReader::levelsInterleavedAreGroupedAsInOrder() {
    QTemporaryDir dir;
    const QByteArray inOrder = readAll(writeJournal(dir, ResultFixtures::twoLevelRun()));
    QList<QByteArray> lines = inOrder.split('\n');
    qsizetype lastOfFirst = -1;
    qsizetype firstOfSecond = -1;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].contains("\"type\":\"request\"") && lines[i].contains("\"level\":0"))
            lastOfFirst = i;
        if (firstOfSecond < 0 && lines[i].contains("\"type\":\"request\"") &&
            lines[i].contains("\"level\":1"))
            firstOfSecond = i;
    }
    QVERIFY(lastOfFirst > 0 && firstOfSecond > lastOfFirst);
    // Level 1's first request just before level 0's last: each level keeps its own order.
    lines.insert(lastOfFirst, lines.takeAt(firstOfSecond));
    QString error;
    QString warning;
    const auto sliced = JournalReader::parse(inOrder, QStringLiteral("a"), &error, &warning);
    QVERIFY2(sliced.has_value(), qPrintable(error));
    const auto copied =
        JournalReader::parse(lines.join('\n'), QStringLiteral("b"), &error, &warning);
    QVERIFY2(copied.has_value(), qPrintable(error));
    bool interleaved = false; // a level-1 record read before a level-0 one
    for (qsizetype i = 1; i < copied->records.size(); ++i)
        interleaved = interleaved ||
                      (copied->records.at(i - 1).level == 1 && copied->records.at(i).level == 0);
    QVERIFY(interleaved);
    QCOMPARE(copied->summary.levels.size(), 2);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(summaryJson(copied->summary.levels.at(i)),
                 summaryJson(sliced->summary.levels.at(i)));
}

void TestJournalReader::aSecondRunIsRefused() {
    QTemporaryDir dir;
    RunResult first = ResultFixtures::twoLevelRun();
    const QByteArray a = readAll(writeJournal(dir, first));
    RunResult second = first;
    second.runStartNs += 1'000'000'000;
    QTemporaryDir otherDir;
    const QByteArray b = readAll(writeJournal(otherDir, second));
    QString error;
    QVERIFY(!JournalReader::parse(a + b, QStringLiteral("ab.jsonl"), &error).has_value());
    QVERIFY2(error.startsWith(QStringLiteral("ab.jsonl: holds a second run from line ")),
             qPrintable(error));
}

void TestJournalReader::devicesAndPipesAreCapped() {
    // Before, the journal reader read /dev/zero until the memory ran out.
    QString error;
    QVERIFY(!JournalReader::read(QStringLiteral("/dev/zero"), &error, nullptr, 1 << 20));
    QVERIFY2(error.startsWith(QStringLiteral("/dev/zero: is larger than the 1 MiB a journal")),
             qPrintable(error));
}

void TestJournalReader::calibrationIsRebuilt() {
    QTemporaryDir dir;
    const RunResult run = ResultFixtures::withCalibration(ResultFixtures::twoLevelRun());
    QString error;
    QString warning;
    const std::optional<RunResult> back =
        JournalReader::read(writeJournal(dir, run), &error, &warning);
    QVERIFY2(back.has_value(), qPrintable(error));
    QVERIFY2(warning.isEmpty(), qPrintable(warning)); // probe lines are not "unreadable"
    const CalibrationInfo& c = back->calibration;
    QCOMPARE(c.method, QStringLiteral("factor"));
    QCOMPARE(c.overheadTokens, 0.0);
    QCOMPARE(c.tokensPerEstimatedToken, 1.5);
    QCOMPARE(c.probeEstimatedTokens, run.calibration.probeEstimatedTokens);
    QCOMPARE(c.message, run.calibration.message);
    QCOMPARE(c.probes.size(), qsizetype(2));
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(c.probes.at(i).level, -1);
        QCOMPARE(c.probes.at(i).tSendNs, run.calibration.probes.at(i).tSendNs);
        QCOMPARE(c.probes.at(i).tEndNs, run.calibration.probes.at(i).tEndNs);
        QCOMPARE(c.probes.at(i).error, run.calibration.probes.at(i).error);
        QCOMPARE(c.probes.at(i).inputTokens, run.calibration.probes.at(i).inputTokens);
    }
    // The probes are not measured requests: not in records, not in any level.
    QCOMPARE(back->records.size(), run.records.size());
    QCOMPARE(back->summary.levels.size(), 2);
    QCOMPARE(back->summary.levels.at(0).requests, 4);
    QCOMPARE(back->summary.levels.at(1).requests, 7);
}

void TestJournalReader::killedBeforeTheCalibrationDecision() {
    QTemporaryDir dir;
    const RunResult run = ResultFixtures::withCalibration(ResultFixtures::twoLevelRun());
    QString error;
    QString warning;
    const std::optional<RunResult> back =
        JournalReader::read(writeJournal(dir, run, true, true, false), &error, &warning);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->calibration.probes.size(), qsizetype(2));
    QCOMPARE(back->calibration.probes.at(1).error, ErrorClass::Http5xx);
    QCOMPARE(back->calibration.method, QStringLiteral("none"));
    QVERIFY(back->calibration.message.contains(u"before prompt calibration was decided"));
    QVERIFY(back->records.isEmpty());
}

void TestJournalReader::anOldCamelCaseJournalStillRecovers() {
    // A journal as versions before snake_case keys wrote it: schema /1, "stopReason",
    // "tSendNs".
    const QString path = QStringLiteral(PLATEAU_JOURNAL_CORPUS_DIR "/complete.jsonl");
    QVERIFY(readAll(path).contains("\"schema\":\"plateau.journal/1\""));
    QVERIFY(readAll(path).contains("\"stopReason\":\"completed\""));
    QString error;
    QString warning;
    const std::optional<RunResult> back = JournalReader::read(path, &error, &warning);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(StopReasons::key(back->stopReason), QStringLiteral("completed"));
    QVERIFY(!back->cancelled);
    QCOMPARE(back->endpointUrl, QStringLiteral("http://127.0.0.1:44959"));
    QCOMPARE(back->toolVersion, QStringLiteral("0.1.0"));
    QCOMPARE(back->runStartNs, Q_INT64_C(4002226607636));
    QCOMPARE(back->records.size(), 4);
    QCOMPARE(back->records.at(0).tSendNs, Q_INT64_C(4002319720094));
    QCOMPARE(back->records.at(0).outputTokens, 3);
    QCOMPARE(back->calibration.probes.size(), 2);
    QCOMPARE(back->calibration.method, QStringLiteral("two_point"));
    QCOMPARE(back->levels.size(), 2);
    QCOMPARE(back->levels.at(0).startNs, Q_INT64_C(4002319409444));
    QVERIFY(back->levels.at(0).complete);
    QVERIFY(back->levels.at(1).complete);
}

void TestJournalReader::aJournalLongerThanOneReadIsReadInPieces() {
    // JournalReader::read takes the file 1 MiB at a time (a million requests make ~1 GB of
    // journal, never whole in memory): lines cut by the end of a read, and a torn last line
    // after many reads, must give what parsing the whole file at once gives.
    QTemporaryDir dir;
    RunResult run = ResultFixtures::twoLevelRun();
    quint64 id = 100;
    for (int i = 0; i < 6000; ++i) // ~300 events each, ~2.5 KB a line
        run.records << ResultFixtures::success(id++, 1, 440 + (i % 300), 30, 1, 300);
    const QString path = writeJournal(dir, run, /*lastLevelEnds=*/false, /*runEnds=*/false);
    QByteArray data = readAll(path);
    QVERIFY2(data.size() > 3 * (1 << 20), qPrintable(QString::number(data.size())));
    data.chop(40); // the last record's line torn by a kill
    writeAll(path, data);

    QString readError;
    QString readWarning;
    const std::optional<RunResult> read = JournalReader::read(path, &readError, &readWarning);
    QVERIFY2(read.has_value(), qPrintable(readError));
    QString parseError;
    QString parseWarning;
    const std::optional<RunResult> whole =
        JournalReader::parse(data, path, &parseError, &parseWarning);
    QVERIFY2(whole.has_value(), qPrintable(parseError));
    QCOMPARE(readWarning, parseWarning);
    QVERIFY2(readWarning.contains(u"the last line was cut off"), qPrintable(readWarning));
    QCOMPARE(read->records.size(), run.records.size() - 1);
    QCOMPARE(read->records.size(), whole->records.size());
    for (qsizetype i = 0; i < read->records.size(); ++i) {
        QCOMPARE(read->records.at(i).id, whole->records.at(i).id);
        QCOMPARE(read->records.at(i).contentEventNs, whole->records.at(i).contentEventNs);
    }
    for (int level = 0; level < 2; ++level)
        QCOMPARE(summaryJson(read->summary.levels.at(level)),
                 summaryJson(whole->summary.levels.at(level)));

    // A second run's header far into the file is refused there, as in one piece.
    writeAll(
        path,
        readAll(path).left(data.lastIndexOf('\n') + 1) +
            data.left(data.indexOf('\n') + 1).replace("\"run_start_ns\":", "\"run_start_ns\":1"));
    QVERIFY(!JournalReader::read(path, &readError).has_value());
    QVERIFY2(readError.contains(u"holds a second run from line"), qPrintable(readError));
}

QTEST_GUILESS_MAIN(TestJournalReader)
#include "tst_journalreader.moc"

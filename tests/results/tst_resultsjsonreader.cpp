// The streaming results reader (issue 17) against the QJsonDocument one it replaced: the same
// result for the same text, random runs and hand-edited files alike; its caps and messages.
#include "resultfixtures.h"
#include "results/chunkedjsonstream.h"
#include "results/recordjson.h"
#include "results/resultsjson.h"
#include "results/resultsjsonhandler.h"
#include "results/resultsjsonreader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

namespace {
// The reader before issue 17: the whole text as a QJsonDocument.
std::optional<RunResult> readWithQt(const QByteArray& text, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("not valid JSON");
        return std::nullopt;
    }
    return ResultsJson::fromJson(document.object(), error);
}

QString randomText(QRandomGenerator& random) {
    static const QString pieces[] = {QStringLiteral("ok"),
                                     QStringLiteral("a \"quoted\" word"),
                                     QStringLiteral("back\\slash"),
                                     QStringLiteral("tab\tnl\n"),
                                     QString(QChar(1)),
                                     QStringLiteral("é ü ß"),
                                     QStringLiteral("日本語"),
                                     QStringLiteral("😀 emoji"),
                                     QString(QChar(0)),
                                     QStringLiteral("/"),
                                     QStringLiteral("\x7f"),
                                     QString()};
    QString text;
    const int count = int(random.bounded(4));
    for (int i = 0; i < count; ++i)
        text += pieces[random.bounded(int(std::size(pieces)))];
    return text;
}

qint64 maybe(QRandomGenerator& random, qint64 value) {
    return random.bounded(5) == 0 ? -1 : value;
}

RequestRecord randomRecord(QRandomGenerator& random, quint64 id) {
    constexpr qint64 start = ResultFixtures::kRunStartNs;
    RequestRecord r;
    r.id = random.bounded(50) == 0 ? random.generate64() : id;
    r.level = int(random.bounded(-1, 40));
    r.warmup = random.bounded(10) == 0;
    r.tSendNs = random.bounded(20) == 0 ? -1 : start + qint64(random.bounded(1e13));
    r.tSchedNs = maybe(random, r.tSendNs - qint64(random.bounded(1e7)));
    r.tHeadersNs = maybe(random, r.tSendNs + qint64(random.bounded(1e9)));
    r.tFirstEventNs = maybe(random, r.tSendNs + qint64(random.bounded(2e9)));
    qint64 t = r.tSendNs + qint64(random.bounded(3e9));
    const int events = random.bounded(6) == 0 ? 0 : int(random.bounded(1, 70));
    for (int e = 0; e < events; ++e) {
        r.contentEventNs.append(t);
        t += random.bounded(8) == 0 ? 0 : qint64(random.bounded(1e8));
    }
    r.tFirstContentNs = events > 0 ? r.contentEventNs.first() : -1;
    r.tLastContentNs = events > 0 ? r.contentEventNs.last() : -1;
    r.tEndNs = maybe(random, t + qint64(random.bounded(1e6)));
    r.outputTokens = int(random.bounded(100000));
    r.outputTokensSource = TokenSource(random.bounded(4));
    r.inputTokens = int(random.bounded(1000000));
    r.inputTokensSource = TokenSource(random.bounded(4));
    r.httpStatus = int(random.bounded(600));
    r.finishReason = random.bounded(3) == 0 ? randomText(random) : QStringLiteral("length");
    if (random.bounded(4) == 0) {
        r.error = ErrorClass::all().at(random.bounded(int(ErrorClass::all().size())));
        r.errorMessage = randomText(random);
    }
    if (random.bounded(3) == 0)
        r.serverRequestId = randomText(random);
    r.requestedOutputTokens = int(random.bounded(-1, 5000));
    r.earlyStop = random.bounded(7) == 0;
    r.prefixGroup = int(random.bounded(-1, 10));
    r.conversationId = random.bounded(3) == 0 ? qint64(random.generate64() >> 2) : -1;
    r.turnIndex = int(random.bounded(-1, 8));
    r.sourceIndex = random.bounded(2) ? qint64(random.bounded(1e9)) : -1;
    r.embeddingInputs = random.bounded(10) == 0 ? int(random.bounded(1, 64)) : 0;
    if (random.bounded(5) == 0) {
        r.serverTotalNs = qint64(random.bounded(1e12));
        r.serverEvalNs = maybe(random, qint64(random.bounded(1e12)));
        r.serverLoadNs = maybe(random, qint64(random.bounded(1e9)));
        r.serverPromptEvalNs = maybe(random, qint64(random.bounded(1e10)));
    }
    return r;
}

RunResult randomRun(quint32 seed, int requests) {
    QRandomGenerator random(seed);
    RunResult run =
        ResultFixtures::withSummary(ResultFixtures::withCalibration(ResultFixtures::twoLevelRun()));
    run.records.clear();
    for (int i = 0; i < requests; ++i)
        run.records.append(randomRecord(random, quint64(i + 1)));
    return run;
}

// Both readers on the same text: both refuse it, or both give the same run.
void compareReaders(const QByteArray& text) {
    QString qtError;
    QString streamError;
    const std::optional<RunResult> qt = readWithQt(text, &qtError);
    const std::optional<RunResult> streamed = ResultsJsonReader::parse(text, &streamError);
    QVERIFY2(qt.has_value() == streamed.has_value(),
             qPrintable(qtError + QStringLiteral(" | ") + streamError));
    if (!qt) {
        if (qtError != QStringLiteral("not valid JSON")) // syntax messages differ in wording
            QCOMPARE(streamError, qtError);
        return;
    }
    QCOMPARE(ResultsJson::toJson(*streamed), ResultsJson::toJson(*qt));
    QCOMPARE(streamed->records.size(), qt->records.size());
    for (qsizetype i = 0; i < qt->records.size(); ++i) // to the ns, every field
        QCOMPARE(RecordJson::toJournalJson(streamed->records.at(i)),
                 RecordJson::toJournalJson(qt->records.at(i)));
}

QByteArray headWith(const QByteArray& requests) {
    return R"({"schema":"plateau.results/1","profile":{"schema":"plateau.profile/1"},"requests":)" +
           requests + "}";
}
} // namespace

class TestResultsJsonReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void randomRunsReadAlike() {
        for (quint32 seed = 1; seed <= 6; ++seed) {
            const RunResult run = randomRun(seed, 400);
            compareReaders(ResultsJson::toBytes(run));
            if (QTest::currentTestFailed())
                return;
        }
    }

    // Through a file, read in pieces (the file spans several of the reader's 64 KiB buffers).
    void fileReadsAlike() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("r.json"));
        const RunResult run = randomRun(99, 600);
        QString error;
        QVERIFY2(ResultsJson::save(run, path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.size() > 4 * 65536);
        const std::optional<RunResult> loaded = ResultsJson::load(path, &error);
        QVERIFY2(loaded.has_value(), qPrintable(error));
        const std::optional<RunResult> qt = readWithQt(text, &error);
        QVERIFY2(qt.has_value(), qPrintable(error));
        QCOMPARE(ResultsJson::toBytes(*loaded), ResultsJson::toBytes(*qt));
        for (qsizetype i = 0; i < qt->records.size(); ++i)
            QCOMPARE(RecordJson::toJournalJson(loaded->records.at(i)),
                     RecordJson::toJournalJson(qt->records.at(i)));
    }

    void handEditedFilesReadAlike_data() {
        QTest::addColumn<QByteArray>("text");
        const QByteArray request =
            R"({"id":7,"level":1,"t_send_ms":12.5,"ttft_ms":3.25,"itl_ms":[1,2.5],"e2e_ms":9})";
        QTest::newRow("requests first") << QByteArray(
            R"({"requests":[)" + request +
            R"(],"schema":"plateau.results/1","profile":{"schema":"plateau.profile/1"}})");
        QTest::newRow("a key twice") << headWith(
            R"([{"id":1,"id":2,"itl_ms":[5],"itl_ms":"x","ttft_ms":1,"t_send_ms":1,"level":"2","level":3}])");
        QTest::newRow("requests twice")
            << QByteArray(R"({"schema":"plateau.results/1","requests":[{"id":1},{"id":2}],)"
                          R"("profile":{"schema":"plateau.profile/1"},"requests":[{"id":3}]})");
        QTest::newRow("array then not") << QByteArray(
            R"({"schema":"plateau.results/1","requests":[{"id":1}],"profile":{"schema":"plateau.profile/1"},"requests":5})");
        QTest::newRow("not then array") << QByteArray(
            R"({"schema":"plateau.results/1","requests":{},"profile":{"schema":"plateau.profile/1"},"requests":[{}]})");
        QTest::newRow("element not object") << headWith(R"([{}, [1], 3])");
        QTest::newRow("null requests") << headWith("null");
        QTest::newRow("levels not array and requests bad") << QByteArray(
            R"({"schema":"plateau.results/1","profile":{"schema":"plateau.profile/1"},)"
            R"("levels":{},"requests":[3]})");
        QTest::newRow("numbers every way") << headWith(
            R"([{"id":1.0,"level":2e0,"t_send_ms":-0,"ttft_ms":1E2,"itl_ms":[0.5,-0.0,1e-3,[1],{}],)"
            R"("e2e_ms":12345678901234567890,"output_tokens":9223372036854775807,)"
            R"("input_tokens":9223372036854775808,"http_status":2.5,"conversation_id":-9223372036854775808,)"
            R"("source_index":18446744073709551616,"server_total_ms":1.000000000000000000001}])");
        // RapidJSON's full-precision conversion read these with undefined behaviour (zeros
        // after the point past a fast path's reach; fuzz_results found the first).
        QTest::newRow("zeros after the point") << headWith(
            R"([{"id":0.000000000000000000000000000000,"t_send_ms":0.0000000000000000000000001,)"
            R"("ttft_ms":-0.00000000000000000000000000000000000000000000000000000000000000000,)"
            R"("itl_ms":[1.00000000000000000000000000000000000000,0.0e-400]}])");
        // RapidJSON calls it too big; QJsonDocument (the fallback) reads 0.
        QTest::newRow("a zero with a huge exponent") << headWith(R"([{"ttft_ms":0e999999999}])");
        QTest::newRow("the smallest double and just below it")
            << headWith(R"([{"t_send_ms":4.9406564584124654e-324,"ttft_ms":2.4e-324}])");
        QTest::newRow("a number too small for a double") << headWith(R"([{"ttft_ms":1e-400}])");
        QTest::newRow("a number too large for a double") << headWith(R"([{"ttft_ms":-1e400}])");
        QTest::newRow("a huge exponent") << headWith(R"([{"ttft_ms":1e99999999999999999999}])");
        QTest::newRow("a long integer")
            << headWith(R"([{"id":123456789012345678901234567890123456789012345678901234567890}])");
        QTest::newRow("a number in the head") << QByteArray(
            R"({"schema":"plateau.results/1","profile":{"schema":"plateau.profile/1",)"
            R"("seed":1e400},"requests":[]})");
        QTest::newRow("types every way") << headWith(
            R"([{"id":"1","warmup":"true","early_stop":1,"error":{},"finish_reason":[],"error_message":null,)"
            R"("t_send_ms":"5","queue_ms":true,"itl_ms":{},"unknown":{"deep":[[[{"a":"b"}]]]},"id":{"x":1}}])");
        QTest::newRow("escaped keys") << headWith(
            R"([{"\u0069d":5,"t_send_ms":1,"tt\u0066t_ms":2,"error":"\u00e9\ud83d\ude00\n\u0000"}])");
        QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf" + headWith(R"([{"id":4}])"));
        QTest::newRow("lone surrogate (Qt only)")
            << headWith(R"([{"id":4,"error_message":"\ud800 alone"}])");
        QTest::newRow("raw control character (Qt only)")
            << headWith("[{\"id\":4,\"error_message\":\"a\x01b\"}]");
        QTest::newRow("unknown escape (Qt only)") << headWith(R"([{"error_message":"\a"}])");
        QTest::newRow("bad UTF-8") << headWith("[{\"error_message\":\"\xff\"}]");
        QTest::newRow("garbage after") << QByteArray(headWith("[]") + " x");
        QTest::newRow("cut") << headWith("[{\"id\":4").left(70);
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("no schema") << QByteArray("{}");
        QTest::newRow("newer") << QByteArray(R"({"schema":"plateau.results/2","requests":[]})");
    }

    void handEditedFilesReadAlike() {
        QFETCH(QByteArray, text);
        compareReaders(text);
    }

    void messages_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("corrupt") << QByteArray("{\"schema\": ")
                                 << QStringLiteral("not valid JSON at offset 11: Invalid value.");
        QTest::newRow("scalar") << QByteArray("5")
                                << QStringLiteral("not a Plateau results file (the top level is "
                                                  "not an object)");
        // A raw line break: only QJsonDocument reads it (the fallback); the message is one line.
        QTest::newRow("schema with a line break")
            << QByteArray("{\"schema\":\"plateau.results/1\n\"}")
            << QStringLiteral("not a Plateau results file (schema \"plateau.results/1\\n\"");
        QTest::newRow("element") << headWith("[{},{},7]")
                                 << QStringLiteral("field 'requests[2]' must be an object");
        QTest::newRow("too deep") << QByteArray(QByteArray("{\"a\":") + QByteArray(1100, '[') +
                                                QByteArray(1100, ']') + "}")
                                  << QStringLiteral("nested more than 1024 levels deep (at "
                                                    "offset 1028)");
        QByteArray gaps = "[";
        for (qint64 i = 0; i <= ResultsJsonHandler::kMaxItlGaps; ++i)
            gaps += "1,";
        gaps.back() = ']';
        QTest::newRow("too many gaps")
            << headWith("[{\"id\":1},{\"itl_ms\":" + gaps + "}]")
            << QStringLiteral("request 1 has more than 1048576 itl_ms values");
        QTest::newRow("string too long")
            << headWith("[{\"error_message\":\"" +
                        QByteArray(ResultsJsonReader::kMaxStringBytes + 10, 'x') + "\"}]")
            << QStringLiteral("a string longer than 16 MiB at offset ");
    }

    // RapidJSON hands a number over as its whole text: a number is capped too.
    void longNumbers() {
        QString error;
        const QByteArray digits(ChunkedJsonStream::kMaxNumberChars - 10, '1');
        QVERIFY2(ResultsJsonReader::parse(headWith("[{\"id\":0." + digits + "}]"), &error),
                 qPrintable(error));
        QVERIFY(
            !ResultsJsonReader::parse(headWith("[{\"id\":0." + digits + digits + "}]"), &error));
        QVERIFY2(error.startsWith(QStringLiteral("a number longer than 65536 characters")),
                 qPrintable(error));
    }

    void messages() {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!ResultsJsonReader::parse(text, &error).has_value());
        QVERIFY2(error.startsWith(expected), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }

    void fileCapsAndErrors() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("r.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(ResultsJson::toBytes(randomRun(3, 50)));
        file.close();
        QString error;
        QVERIFY(!ResultsJsonReader::read(path, 1024, &error).has_value());
        QVERIFY2(error.startsWith(QStringLiteral("is larger than the 1 KiB a results file may "
                                                 "have")),
                 qPrintable(error));
        QVERIFY(!ResultsJsonReader::read(QStringLiteral("/dev/zero"), 4096, &error));
        QVERIFY2(error.startsWith(QStringLiteral("is larger than the 4 KiB")), qPrintable(error));
        QVERIFY(!ResultsJsonReader::read(dir.path(), 4096, &error));
        QCOMPARE(error, QStringLiteral("is a directory, not a results file"));
        QVERIFY(!ResultsJsonReader::read(dir.filePath(QStringLiteral("none")), 4096, &error));
        QCOMPARE(error, QStringLiteral("no such file"));
    }

    // A cancelled read (the GUI closed during a load) stops before the next piece of the file
    // and says so; an unset flag changes nothing.
    void cancelledReadStops() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("r.json"));
        QString error;
        QVERIFY2(ResultsJson::save(randomRun(5, 300), path, &error), qPrintable(error));
        std::atomic_bool cancelled = false;
        QVERIFY2(ResultsJsonReader::read(path, ResultsJson::kMaxBytes, &error, &cancelled),
                 qPrintable(error));
        cancelled = true;
        QVERIFY(!ResultsJsonReader::read(path, ResultsJson::kMaxBytes, &error, &cancelled));
        QCOMPARE(error, QString::fromLatin1(ResultsJsonReader::kCancelled));
        QVERIFY(!ResultsJson::load(path, &error, ResultsJson::kMaxBytes, &cancelled));
        QCOMPARE(error, path + QStringLiteral(": cancelled"));
    }

    void schemaIsReadWithoutTheRest() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f.json"));
        auto write = [&path](const QByteArray& text) {
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                qFatal("cannot write");
            file.write(text);
        };
        QString error;
        write(R"({"schema":"plateau.results/1","requests":[{"id": BROKEN)");
        QCOMPARE(ResultsJsonReader::schemaOf(path, 1 << 20, &error),
                 QStringLiteral("plateau.results/1"));
        QVERIFY(error.isEmpty());
        write(R"({"levels":[{"schema":"inner"}],"schema":"plateau.profile/1"})");
        QCOMPARE(ResultsJsonReader::schemaOf(path, 1 << 20, &error),
                 QStringLiteral("plateau.profile/1"));
        write(R"({"schema":{"a":1}})");
        QCOMPARE(ResultsJsonReader::schemaOf(path, 1 << 20, &error), QString());
        QVERIFY(error.isEmpty());
        write(R"({"name":"x"} junk)");
        QCOMPARE(ResultsJsonReader::schemaOf(path, 1 << 20, &error), QString());
        QVERIFY2(error.startsWith(QStringLiteral("not valid JSON at offset 13")),
                 qPrintable(error));
    }
};

QTEST_APPLESS_MAIN(TestResultsJsonReader)
#include "tst_resultsjsonreader.moc"

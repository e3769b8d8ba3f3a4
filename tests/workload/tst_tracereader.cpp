#include "workload/tracereader.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

namespace {
TraceLoadResult loadTrace(const QByteArray& data, const TraceReadOptions& options = {},
                          const LoadProgress& progress = {}) {
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    return TraceReader::read(&buffer, options, progress, QStringLiteral("trace.jsonl"));
}

QList<double> times(const QList<TraceEntry>& entries) {
    QList<double> result;
    for (const TraceEntry& entry : entries)
        result.append(entry.timestampMs);
    return result;
}
} // namespace

class TestTraceReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mooncake();
    void messages();
    void sortsAndWarns();
    void malformed_data();
    void malformed();
    void noUsableLine();
    void entryCap();
    void cancel();
    void files();
};

void TestTraceReader::mooncake() {
    const TraceLoadResult r = loadTrace(
        R"({"timestamp": 0, "input_length": 6755, "output_length": 500, "hash_ids": [46, 47, 48]}
{"timestamp": 27482, "input_length": 100, "output_length": 1}

{"timestamp": 27482.5, "input_length": 7, "hash_ids": []})");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.entries.size(), 3);
    QCOMPARE(r.entries[0].timestampMs, 0.0);
    QCOMPARE(r.entries[0].inputLength, 6755);
    QCOMPARE(r.entries[0].outputLength, 500);
    QCOMPARE(r.entries[0].hashIds, (QList<quint64>{46, 47, 48}));
    QVERIFY(r.entries[0].conversation.turns.isEmpty());
    QCOMPARE(r.entries[1].line, 2);
    QCOMPARE(r.entries[2].timestampMs, 27482.5);
    QCOMPARE(r.entries[2].outputLength, -1);
    QCOMPARE(r.entries[2].line, 4);
    QCOMPARE(r.outOfOrder, 0);
    QVERIFY(r.warnings.isEmpty());
}

void TestTraceReader::messages() {
    const TraceLoadResult r = loadTrace(
        R"({"timestamp": 5, "messages": [{"role": "user", "content": "hi there"}], "max_tokens": 9}
{"timestamp": 6, "prompt": "plain", "output_length": 3})");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.entries[0].conversation.turns[0].user, QStringLiteral("hi there"));
    QCOMPARE(r.entries[0].outputLength, 9);
    QCOMPARE(r.entries[0].inputLength, -1);
    QCOMPARE(r.entries[1].conversation.turns[0].user, QStringLiteral("plain"));
    QCOMPARE(r.entries[1].outputLength, 3);
}

void TestTraceReader::sortsAndWarns() {
    const TraceLoadResult r = loadTrace(R"({"timestamp": 30, "input_length": 1}
{"timestamp": 10, "input_length": 2}
{"timestamp": 20, "input_length": 3}
{"timestamp": 10, "input_length": 4})");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(times(r.entries), (QList<double>{10, 10, 20, 30}));
    QCOMPARE(r.entries[0].inputLength, 2); // stable: equal times keep file order
    QCOMPARE(r.entries[1].inputLength, 4);
    QCOMPARE(r.outOfOrder, 3);
    QCOMPARE(r.warnings,
             QStringList{QStringLiteral("3 entries were out of time order: sorted by timestamp")});
}

void TestTraceReader::malformed_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");
    QTest::addRow("not json") << QByteArray("{timestamp: 1}")
                              << QStringLiteral(
                                     "not valid JSON (byte 1: Missing a name for object member.)");
    QTest::addRow("array") << QByteArray("[1]")
                           << QStringLiteral("a line must be an object, not an array");
    QTest::addRow("no timestamp") << QByteArray(R"({"input_length": 5})")
                                  << QStringLiteral("no \"timestamp\"");
    QTest::addRow("negative timestamp")
        << QByteArray(R"({"timestamp": -1, "input_length": 5})")
        << QStringLiteral("\"timestamp\" must be a number of ms from 0 to 30 days");
    QTest::addRow("string timestamp")
        << QByteArray(R"({"timestamp": "0", "input_length": 5})")
        << QStringLiteral("\"timestamp\" must be a number of ms from 0 to 30 days");
    QTest::addRow("huge timestamp")
        << QByteArray(R"({"timestamp": 1e300, "input_length": 5})")
        << QStringLiteral("\"timestamp\" must be a number of ms from 0 to 30 days");
    QTest::addRow("no length") << QByteArray(R"({"timestamp": 1})")
                               << QStringLiteral(
                                      "no \"input_length\" and no \"messages\" or \"prompt\"");
    QTest::addRow("zero length")
        << QByteArray(R"({"timestamp": 1, "input_length": 0})")
        << QStringLiteral("\"input_length\" must be a whole number from 1 to 1000000");
    QTest::addRow("fraction length")
        << QByteArray(R"({"timestamp": 1, "input_length": 2.5})")
        << QStringLiteral("\"input_length\" must be a whole number from 1 to 1000000");
    QTest::addRow("bad output")
        << QByteArray(R"({"timestamp": 1, "input_length": 2, "output_length": -4})")
        << QStringLiteral("\"output_length\" must be a whole number from 1 to 1000000");
    QTest::addRow("hash ids object")
        << QByteArray(R"({"timestamp": 1, "input_length": 2, "hash_ids": {}})")
        << QStringLiteral("\"hash_ids\" must be an array of at most 100000 ids");
    QTest::addRow("negative hash id")
        << QByteArray(R"({"timestamp": 1, "input_length": 2, "hash_ids": [1, -2]})")
        << QStringLiteral("\"hash_ids\" must hold whole numbers from 0 up");
    QTest::addRow("bad messages") << QByteArray(
                                         R"({"timestamp": 1, "messages": [{"role": "user"}]})")
                                  << QStringLiteral("no user message with text");
    QTest::addRow("too long") << ("{\"timestamp\": 1, \"prompt\": \"" + QByteArray(2000, 'x') +
                                  "\"}")
                              << QStringLiteral("longer than the 1 KiB allowed for a line");
}

void TestTraceReader::malformed() {
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    TraceReadOptions options;
    options.maxLineBytes = 1024;
    const TraceLoadResult r = loadTrace(R"({"timestamp": 0, "input_length": 1})"
                                        "\n" +
                                            line + "\n" + R"({"timestamp": 2, "input_length": 1})",
                                        options);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.entries.size(), 2);
    QCOMPARE(r.malformed.count(), 1);
    QCOMPARE(r.malformed.first().constFirst().where, QStringLiteral("line 2"));
    QCOMPARE(r.malformed.first().constFirst().reason, reason);
}

void TestTraceReader::noUsableLine() {
    TraceLoadResult r = loadTrace("");
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("trace.jsonl has no entries"));
    r = loadTrace("{}\n");
    QCOMPARE(r.error, QStringLiteral("trace.jsonl has no usable line: 1 malformed entry skipped "
                                     "(line 1: no \"timestamp\")"));
}

void TestTraceReader::entryCap() {
    QByteArray data;
    for (int i = 0; i < 20; ++i)
        data += R"({"timestamp": )" + QByteArray::number(i) +
                R"(, "input_length": 1})"
                "\n";
    TraceReadOptions options;
    options.maxEntries = 5;
    const TraceLoadResult r = loadTrace(data, options);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.entries.size(), 5);
    QCOMPARE(r.warnings,
             QStringList{QStringLiteral("the trace has more than 5 entries: the rest is ignored")});
    options.maxEntries = 0;
    QCOMPARE(loadTrace(data, options).error,
             QStringLiteral("the entry cap 0 is outside 1..10000000"));
}

void TestTraceReader::cancel() {
    QByteArray data;
    for (int i = 0; i < 100000; ++i)
        data += R"({"timestamp": )" + QByteArray::number(i) +
                R"(, "input_length": 100})"
                "\n";
    const TraceLoadResult r = loadTrace(data, {}, [](qint64, qint64) { return false; });
    QVERIFY(r.cancelled);
    QVERIFY(!r.ok);
    QVERIFY(r.entries.isEmpty());
}

void TestTraceReader::files() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"timestamp": 0, "input_length": 1})");
    file.close();
    QVERIFY(TraceReader::readFile(path, {}).ok);
    QCOMPARE(TraceReader::readFile(dir.filePath(QStringLiteral("none.jsonl")), {}).error,
             QStringLiteral("\"none.jsonl\": no such file"));
    TraceReadOptions small;
    small.maxFileBytes = 1024;
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(2000, '\n'));
    file.close();
    QCOMPARE(TraceReader::readFile(path, small).error,
             QStringLiteral("\"t.jsonl\" is 1.95 KiB, larger than the 1 KiB allowed for a trace"));
}

QTEST_GUILESS_MAIN(TestTraceReader)
#include "tst_tracereader.moc"

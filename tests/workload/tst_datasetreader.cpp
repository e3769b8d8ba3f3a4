#include "datasettestutil.h"
#include "workload/datasetreader.h"

#include <QTemporaryDir>
#include <QTest>

class TestDatasetReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shareGpt();
    void shareGptVariants();
    void chatJsonl();
    void promptJsonl();
    void messagesArrayLines();
    void text();
    void forcedFormat();
    void detection_data();
    void detection();
    void malformedShareGpt_data();
    void malformedShareGpt();
    void malformedJsonl_data();
    void malformedJsonl();
    void firstFiveReasonsKept();
    void noUsableEntry_data();
    void noUsableEntry();
    void brokenStructureKeepsWhatWasRead();
    void files();
};

void TestDatasetReader::shareGpt() {
    const QByteArray data = R"([
      {"id": "a", "conversations": [
        {"from": "system", "value": "Be brief."},
        {"from": "human", "value": "Hello there"},
        {"from": "gpt", "value": "Hi!"},
        {"from": "human", "value": "How are you?"},
        {"from": "gpt", "value": "Fine, thanks."}]},
      {"id": "b", "nested": {"deep": [1, {"x": "]"}]}, "conversations": [
        {"from": "human", "value": "One"}, {"from": "gpt", "value": "Two three"}]}
    ])";
    const DatasetLoadResult r = loadDataset(data);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.format, DatasetFormat::ShareGptJson);
    QCOMPARE(r.entries.size(), 2);
    const Conversation& first = r.entries[0];
    QCOMPARE(first.system, QStringLiteral("Be brief."));
    QCOMPARE(first.turns.size(), 2);
    QCOMPARE(first.turns[0],
             (ConversationTurn{QStringLiteral("Hello there"), QStringLiteral("Hi!")}));
    QCOMPARE(first.turns[1].user, QStringLiteral("How are you?"));
    QCOMPARE(first.turns[1].reference, QStringLiteral("Fine, thanks."));
    QCOMPARE(first.sourceIndex, 1);
    QCOMPARE(first.promptWords(), 4);
    QCOMPARE(first.referenceWords(), 1);
    QCOMPARE(r.entries[1].sourceIndex, 2);
    QCOMPARE(r.entries[1].referenceWords(), 2);
    QCOMPARE(r.usableEntries, 2);
    QCOMPARE(r.malformed.count(), 0);
    QVERIFY(r.warnings.isEmpty());
    QCOMPARE(r.bytesRead, data.size());
}

void TestDatasetReader::shareGptVariants() {
    // user/assistant names, "messages" with role/content, content parts, tool messages,
    // an answer before any question, two user messages in a row, a trailing question.
    const QByteArray data = R"([
      {"conversations": [{"from": "user", "value": "A"}, {"from": "assistant", "value": "B"}]},
      {"messages": [{"role": "gpt", "content": "ignored"},
                    {"role": "user", "content": [{"type": "text", "text": "part one"},
                                                 {"type": "image_url", "image_url": {}},
                                                 {"type": "text", "text": "part two"}]},
                    {"role": "tool", "content": "tool output"},
                    {"role": "assistant", "content": null},
                    {"role": "assistant", "content": "answer"},
                    {"role": "user", "content": "again"},
                    {"role": "user", "content": "and again"}]},
      {"conversations": [{"from": "human", "value": "q"}, {"from": "chatgpt", "value": "x"},
                         {"from": "bard", "value": "y"}]}
    ])";
    const DatasetLoadResult r = loadDataset(data);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.entries.size(), 3);
    QCOMPARE(r.entries[0].turns,
             (QList<ConversationTurn>{{QStringLiteral("A"), QStringLiteral("B")}}));
    QCOMPARE(r.entries[1].turns.size(), 2);
    QCOMPARE(r.entries[1].turns[0].user, QStringLiteral("part one\npart two"));
    QCOMPARE(r.entries[1].turns[0].reference, QStringLiteral("answer"));
    QCOMPARE(r.entries[1].turns[1].user, QStringLiteral("again\n\nand again"));
    QCOMPARE(r.entries[1].turns[1].reference, QString());
    QCOMPARE(r.entries[2].turns[0].reference, QStringLiteral("x\n\ny"));
}

void TestDatasetReader::chatJsonl() {
    const QByteArray data =
        R"({"messages": [{"role": "system", "content": "S"}, {"role": "user", "content": "Hi you"}], "max_tokens": 64})"
        "\n\n"
        R"({"messages": [{"role": "user", "content": "Next"}, {"role": "assistant", "content": "ok"}]})"
        "\r\n";
    const DatasetLoadResult r = loadDataset(data);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.format, DatasetFormat::ChatJsonl);
    QCOMPARE(r.entries.size(), 2);
    QCOMPARE(r.entries[0].system, QStringLiteral("S"));
    QCOMPARE(r.entries[0].maxTokens, 64);
    QCOMPARE(r.entries[0].sourceIndex, 1);
    QCOMPARE(r.entries[1].maxTokens, -1);
    QCOMPARE(r.entries[1].sourceIndex, 3); // line numbers, blank lines included
}

void TestDatasetReader::promptJsonl() {
    const QByteArray data = R"({"prompt": "one two", "output_tokens": 10}
{"prompt": "three", "max_tokens": 20, "completion": "four five"}
{"prompt": "six", "output_len": 30, "system": "sys"}
{"text": "seven", "response": "eight"}
{"prompt": "nine", "output_length": 40.0}
{"prompt": "ten", "max_completion_tokens": 50}
"a bare string"
[{"role": "user", "content": "a bare messages array"}]
)";
    const DatasetLoadResult r = loadDataset(data);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.format, DatasetFormat::PromptJsonl);
    QCOMPARE(r.entries.size(), 8);
    QCOMPARE(r.entries[0].maxTokens, 10);
    QCOMPARE(r.entries[0].turns[0].user, QStringLiteral("one two"));
    QCOMPARE(r.entries[1].maxTokens, 20);
    QCOMPARE(r.entries[1].turns[0].reference, QStringLiteral("four five"));
    QCOMPARE(r.entries[2].maxTokens, 30);
    QCOMPARE(r.entries[2].system, QStringLiteral("sys"));
    QCOMPARE(r.entries[3].turns[0].reference, QStringLiteral("eight"));
    QCOMPARE(r.entries[4].maxTokens, 40);
    QCOMPARE(r.entries[5].maxTokens, 50);
    QCOMPARE(r.entries[6].turns[0].user, QStringLiteral("a bare string"));
    QCOMPARE(r.entries[7].turns[0].user, QStringLiteral("a bare messages array"));
}

void TestDatasetReader::messagesArrayLines() {
    // The prompt-file layout PromptGenerator reads: one bare messages array per line.
    const DatasetLoadResult r = loadDataset(R"([{"role": "user", "content": "first"}]
[{"role": "system", "content": "s"}, {"role": "user", "content": "second"}]
)");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.format, DatasetFormat::ChatJsonl);
    QCOMPARE(r.entries.size(), 2);
    QCOMPARE(r.entries[1].system, QStringLiteral("s"));
    QCOMPARE(r.entries[1].turns[0].user, QStringLiteral("second"));
}

void TestDatasetReader::text() {
    const DatasetLoadResult r = loadDataset("First prompt here\n\n   \n  Second  \nThird");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.format, DatasetFormat::Text);
    QCOMPARE(r.entries.size(), 3);
    QCOMPARE(r.entries[0].turns[0].user, QStringLiteral("First prompt here"));
    QCOMPARE(r.entries[1].turns[0].user, QStringLiteral("Second"));
    QCOMPARE(r.entries[1].sourceIndex, 4);
    QCOMPARE(r.entries[2].promptWords(), 1);
    QCOMPARE(r.malformed.count(), 0);

    // Found by fuzz_dataset: a line holding only a byte-order mark (an editor's leftover when
    // files are concatenated) is no prompt, and a prompt does not keep the mark.
    const DatasetLoadResult bom = loadDataset("First\n\xEF\xBB\xBF\n\xEF\xBB\xBFSecond\n");
    QVERIFY2(bom.ok, qPrintable(bom.error));
    QCOMPARE(bom.entries.size(), 2);
    QCOMPARE(bom.entries[1].turns[0].user, QStringLiteral("Second"));
}

void TestDatasetReader::forcedFormat() {
    DatasetReadOptions options;
    options.format = DatasetFormat::Text;
    const DatasetLoadResult r = loadDataset("{\"prompt\": \"x\"}\n[not json]\n", options);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.format, DatasetFormat::Text);
    QCOMPARE(r.entries[0].turns[0].user, QStringLiteral("{\"prompt\": \"x\"}"));
    QCOMPARE(r.entries[1].turns[0].user, QStringLiteral("[not json]"));
}

void TestDatasetReader::detection_data() {
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<DatasetFormat>("format");
    QTest::addRow("array") << QByteArray(" \n[{") << DatasetFormat::ShareGptJson;
    QTest::addRow("bom array") << QByteArray("\xEF\xBB\xBF[") << DatasetFormat::ShareGptJson;
    QTest::addRow("one-line array")
        << QByteArray("[{\"prompt\": \"x\"}]\n") << DatasetFormat::ShareGptJson;
    QTest::addRow("array lines") << QByteArray("[{\"role\": \"user\", \"content\": \"a\"}]\n"
                                               "[{\"role\": \"user\", \"content\": \"b\"}]\n")
                                 << DatasetFormat::ChatJsonl;
    QTest::addRow("pretty array") << QByteArray("[\n  {\"prompt\": \"x\"},\n  [1]\n]")
                                  << DatasetFormat::ShareGptJson;
    QTest::addRow("messages") << QByteArray("{\"messages\":[]}\n{") << DatasetFormat::ChatJsonl;
    QTest::addRow("conversations line")
        << QByteArray("{\"conversations\":[]}") << DatasetFormat::ChatJsonl;
    QTest::addRow("cut first line")
        << QByteArray("{\"id\": 1, \"messages\": [{\"role\": \"us") << DatasetFormat::ChatJsonl;
    QTest::addRow("prompt") << QByteArray("{\"prompt\":\"x\"}\n") << DatasetFormat::PromptJsonl;
    QTest::addRow("text") << QByteArray("Tell me a story") << DatasetFormat::Text;
    QTest::addRow("empty") << QByteArray() << DatasetFormat::Text;
}

void TestDatasetReader::detection() {
    QFETCH(QByteArray, head);
    QFETCH(DatasetFormat, format);
    QCOMPARE(DatasetFormats::detect(head), format);
    DatasetFormat parsed = DatasetFormat::Auto;
    QVERIFY(DatasetFormats::fromName(DatasetFormats::name(format), &parsed));
    QCOMPARE(parsed, format);
}

void TestDatasetReader::malformedShareGpt_data() {
    QTest::addColumn<QByteArray>("entry");
    QTest::addColumn<QString>("reason");
    QTest::addRow("broken json") << QByteArray(R"({"conversations": [}])")
                                 << QStringLiteral("not valid JSON (byte 19: Invalid value.)");
    QTest::addRow("number") << QByteArray("42")
                            << QStringLiteral("an entry must be an object, not a number");
    QTest::addRow("null") << QByteArray("null")
                          << QStringLiteral("an entry must be an object, not null");
    QTest::addRow("no conversations")
        << QByteArray(R"({"id": "x"})")
        << QStringLiteral("no \"conversations\", \"messages\" or \"prompt\"");
    QTest::addRow("conversations a string")
        << QByteArray(R"({"conversations": "hi"})")
        << QStringLiteral("the messages are a string, not an array");
    QTest::addRow("message a string")
        << QByteArray(R"({"conversations": ["hi"]})") << QStringLiteral("message 0 is a string");
    QTest::addRow("no role") << QByteArray(R"({"conversations": [{"value": "hi"}]})")
                             << QStringLiteral("message 0 has no \"from\" or \"role\" string");
    QTest::addRow("role a number")
        << QByteArray(R"({"messages": [{"role": 1, "content": "x"}]})")
        << QStringLiteral("message 0 has no \"from\" or \"role\" string");
    QTest::addRow("value a number")
        << QByteArray(R"({"conversations": [{"from": "human", "value": 5}]})")
        << QStringLiteral("message 0: a message content is a number");
    QTest::addRow("only an answer")
        << QByteArray(R"({"conversations": [{"from": "gpt", "value": "hello"}]})")
        << QStringLiteral("no user message with text");
    QTest::addRow("blank question")
        << QByteArray(R"({"conversations": [{"from": "human", "value": " \n "}]})")
        << QStringLiteral("no user message with text");
    QTest::addRow("empty conversations")
        << QByteArray(R"({"conversations": []})") << QStringLiteral("no user message with text");
    QTest::addRow("prompt a number")
        << QByteArray(R"({"prompt": 3})") << QStringLiteral("the prompt is a number");
    QTest::addRow("max_tokens zero")
        << QByteArray(R"({"prompt": "x", "max_tokens": 0})")
        << QStringLiteral("\"max_tokens\" must be a whole number from 1 to 1000000");
    QTest::addRow("max_tokens fraction")
        << QByteArray(R"({"prompt": "x", "output_tokens": 2.5})")
        << QStringLiteral("\"output_tokens\" must be a whole number from 1 to 1000000");
    QTest::addRow("max_tokens string")
        << QByteArray(R"({"prompt": "x", "max_tokens": "10"})")
        << QStringLiteral("\"max_tokens\" must be a whole number from 1 to 1000000");
    QTest::addRow("bad escape") << QByteArray(R"({"prompt": "\ud800"})")
                                << QStringLiteral("not valid JSON (byte 12: The surrogate pair in "
                                                  "string is invalid.)");
    QTest::addRow("too large") << ("{\"prompt\": \"" + QByteArray(5000, 'x') + "\"}")
                               << QStringLiteral("larger than the 1 KiB allowed for an entry "
                                                 "(4.9 KiB)");
}

void TestDatasetReader::malformedShareGpt() {
    // One bad entry between two good ones: skipped, counted once, with its reason.
    QFETCH(QByteArray, entry);
    QFETCH(QString, reason);
    DatasetReadOptions options;
    options.maxEntryBytes = 1024;
    const QByteArray good = shareGptEntry(QStringLiteral("q"), QStringLiteral("a"));
    const DatasetLoadResult r =
        loadDataset("[" + good + ",\n" + entry + ",\n" + good + "]", options);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.entries.size(), 2);
    QCOMPARE(r.malformed.count(), 1);
    QCOMPARE(r.malformed.first().constFirst().where, QStringLiteral("entry 2"));
    QCOMPARE(r.malformed.first().constFirst().reason, reason);
    QCOMPARE(r.entries[1].sourceIndex, 3);
}

void TestDatasetReader::malformedJsonl_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");
    QTest::addRow("not json") << QByteArray("{prompt: x}")
                              << QStringLiteral(
                                     "not valid JSON (byte 1: Missing a name for object member.)");
    QTest::addRow("two values") << QByteArray(R"({"prompt": "x"} {"prompt": "y"})")
                                << QStringLiteral("not valid JSON (byte 16: The document root "
                                                  "must not be followed by other values.)");
    QTest::addRow("number") << QByteArray("7")
                            << QStringLiteral("an entry must be an object, not a number");
    QTest::addRow("no prompt") << QByteArray(R"({"input": "x"})")
                               << QStringLiteral(
                                      "no \"conversations\", \"messages\" or \"prompt\"");
    QTest::addRow("empty prompt") << QByteArray(R"({"prompt": ""})")
                                  << QStringLiteral("no user message with text");
    QTest::addRow("too long") << ("{\"prompt\": \"" + QByteArray(3000, 'x') + "\"}")
                              << QStringLiteral("longer than the 1 KiB allowed for a line "
                                                "(2.94 KiB)");
}

void TestDatasetReader::malformedJsonl() {
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    DatasetReadOptions options;
    options.maxEntryBytes = 1024;
    const DatasetLoadResult r =
        loadDataset("{\"prompt\": \"good\"}\n" + line + "\n{\"prompt\": \"good too\"}\n", options);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.entries.size(), 2);
    QCOMPARE(r.malformed.count(), 1);
    QCOMPARE(r.malformed.first().constFirst(), (LoadIssue{QStringLiteral("line 2"), reason}));
}

void TestDatasetReader::firstFiveReasonsKept() {
    QByteArray data = "[";
    for (int i = 0; i < 12; ++i)
        data += QByteArray::number(i) + ",";
    data += shareGptEntry(QStringLiteral("q"), QStringLiteral("a")) + "]";
    const DatasetLoadResult r = loadDataset(data);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.malformed.count(), 12);
    QCOMPARE(r.malformed.first().size(), 5);
    QCOMPARE(r.malformed.first()[4].where, QStringLiteral("entry 5"));
    QVERIFY(r.malformed.summary().startsWith(
        QStringLiteral("12 malformed entries skipped (entry 1: ")));
    QVERIFY(r.malformed.summary().endsWith(QStringLiteral("; ...)")));
}

void TestDatasetReader::noUsableEntry_data() {
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");
    QTest::addRow("empty") << QByteArray() << QStringLiteral("data.json has no entries");
    QTest::addRow("empty array") << QByteArray("[]") << QStringLiteral("data.json has no entries");
    QTest::addRow("blank lines") << QByteArray("\n\n  \n")
                                 << QStringLiteral("data.json has no entries");
    QTest::addRow("all malformed")
        << QByteArray("[1, {\"x\": 2}]")
        << QStringLiteral("data.json has no usable entry: 2 malformed entries skipped (entry 1: "
                          "an entry must be an object, not a number; entry 2: no "
                          "\"conversations\", \"messages\" or \"prompt\")");
    QTest::addRow("broken list") << QByteArray("[1 2]")
                                 << QStringLiteral("data.json has no usable entry: 1 malformed "
                                                   "entry skipped (entry 1: an entry must be an "
                                                   "object, not a number); reading stopped: byte "
                                                   "3: expected ',' or ']' after entry 1");
    QTest::addRow("not a list") << QByteArray("[}")
                                << QStringLiteral("data.json has no usable entry: 1 malformed "
                                                  "entry skipped (entry 1: cut off by the end of "
                                                  "the file)");
}

void TestDatasetReader::noUsableEntry() {
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    const DatasetLoadResult r = loadDataset(data);
    QVERIFY(!r.ok);
    QCOMPARE(r.error, error);
    QVERIFY(r.entries.isEmpty());
}

void TestDatasetReader::brokenStructureKeepsWhatWasRead() {
    const QByteArray good = shareGptEntry(QStringLiteral("q"), QStringLiteral("a"));
    DatasetLoadResult r = loadDataset("[" + good + "," + good + " " + good + "]");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.entries.size(), 2);
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY(r.warnings[0].startsWith(QStringLiteral("reading stopped early: byte ")));

    r = loadDataset("[" + good + "," + good + ", {\"conversations\": [{\"fr");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.entries.size(), 2);
    QCOMPARE(
        r.malformed.first().constFirst(),
        (LoadIssue{QStringLiteral("entry 3"), QStringLiteral("cut off by the end of the file")}));
    QCOMPARE(r.warnings, QStringList{QStringLiteral(
                             "the file ends before the list of entries is closed (cut off?)")});
}

void TestDatasetReader::files() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("share\ngpt.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(shareGptFile(300));
    file.close();

    DatasetLoadResult r = DatasetReader::readFile(path, {});
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.entries.size(), 300);

    DatasetReadOptions small;
    small.maxFileBytes = 2048;
    r = DatasetReader::readFile(path, small);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.startsWith(QStringLiteral("\"share\\ngpt.json\" is ")), qPrintable(r.error));
    QVERIFY(r.error.endsWith(QStringLiteral(", larger than the 2 KiB allowed for a dataset")));

    r = DatasetReader::readFile(dir.filePath(QStringLiteral("missing.json")), {});
    QCOMPARE(r.error, QStringLiteral("\"missing.json\": no such file"));
    r = DatasetReader::readFile(dir.path(), {});
    QVERIFY(r.error.endsWith(QStringLiteral(" is not a regular file")));
}

QTEST_GUILESS_MAIN(TestDatasetReader)
#include "tst_datasetreader.moc"

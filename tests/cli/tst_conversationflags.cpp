#include "cli/clioptions.h"
#include "cli/turntable.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// --conversations, --turns and --think-time (issue 16): what each sets in the profile, a
// one-line error naming the flag for every bad value; the per-turn table of the summary.
class TestConversationFlags : public QObject {
    Q_OBJECT
private:
    static std::optional<RunInvocation> parse(const QStringList& args, QString* error) {
        return CliOptions::parseRun(args, error);
    }

private Q_SLOTS:
    void syntheticConversations() {
        QString error;
        const auto inv =
            parse({QStringLiteral("--conversations"), QStringLiteral("--turns"),
                   QStringLiteral("6"), QStringLiteral("--think-time"), QStringLiteral("exp:250")},
                  &error);
        QVERIFY2(inv, qPrintable(error));
        const WorkloadSettings& w = inv->profile.workload;
        QCOMPARE(w.kind, WorkloadSettings::Kind::Conversations);
        QVERIFY(w.dataset.path.isEmpty());
        QCOMPARE(w.conversations.turns, 6);
        QCOMPARE(w.conversations.thinkTimeMs, 250.0);
        QVERIFY(w.conversations.thinkTimeExponential);
        const auto fixed = parse({QStringLiteral("--conversations"), QStringLiteral("--think-time"),
                                  QStringLiteral("1500")},
                                 &error);
        QVERIFY2(fixed, qPrintable(error));
        QCOMPARE(fixed->profile.workload.conversations.thinkTimeMs, 1500.0);
        QVERIFY(!fixed->profile.workload.conversations.thinkTimeExponential);
    }

    void datasetConversationsKeepTheFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("chats.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"([{"conversations": [{"from": "human", "value": "hi"}]}])");
        file.close();
        QString error;
        const auto inv =
            parse({QStringLiteral("--dataset"), path, QStringLiteral("--conversations")}, &error);
        QVERIFY2(inv, qPrintable(error));
        QCOMPARE(inv->profile.workload.kind, WorkloadSettings::Kind::Conversations);
        QVERIFY(inv->profile.workload.dataset.path.endsWith(QStringLiteral("chats.json")));
    }

    void badValuesNameTheFlag_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        const QString conv = QStringLiteral("--conversations");
        QTest::newRow("turns 0") << QStringList{conv, QStringLiteral("--turns"),
                                                QStringLiteral("0")}
                                 << QStringLiteral("--turns");
        QTest::newRow("turns huge")
            << QStringList{conv, QStringLiteral("--turns"), QStringLiteral("1001")}
            << QStringLiteral("1..1000");
        QTest::newRow("turns text")
            << QStringList{conv, QStringLiteral("--turns"), QStringLiteral("four")}
            << QStringLiteral("--turns");
        QTest::newRow("think negative")
            << QStringList{conv, QStringLiteral("--think-time"), QStringLiteral("-1")}
            << QStringLiteral("--think-time");
        QTest::newRow("think too long")
            << QStringList{conv, QStringLiteral("--think-time"), QStringLiteral("exp:9999999")}
            << QStringLiteral("--think-time");
        QTest::newRow("think junk")
            << QStringList{conv, QStringLiteral("--think-time"), QStringLiteral("gamma:5")}
            << QStringLiteral("exp:MS");
        QTest::newRow("turns alone") << QStringList{QStringLiteral("--turns"), QStringLiteral("3")}
                                     << QStringLiteral("go with --conversations");
        QTest::newRow("shared prefix")
            << QStringList{conv, QStringLiteral("--shared-prefix"), QStringLiteral("4:64")}
            << QStringLiteral("--shared-prefix");
        QTest::newRow("rate") << QStringList{conv, QStringLiteral("--rate"), QStringLiteral("5")}
                              << QStringLiteral("not --rate");
        QTest::newRow("trace") << QStringList{conv, QStringLiteral("--trace"),
                                              QStringLiteral("t.jsonl")}
                               << QStringLiteral("--trace");
    }
    void badValuesNameTheFlag() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!parse(args, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }

    void turnTableOnlyWithConversations() {
        SweepSummary summary;
        LevelSummary plain;
        plain.concurrency = 4;
        summary.levels = {plain};
        QVERIFY(TurnTable::render(summary).isEmpty());
        LevelSummary level;
        level.concurrency = 4;
        level.conversationsStarted = 7;
        level.conversationsCompleted = 5;
        TurnTtft first;
        first.turn = 0;
        first.requests = 7;
        first.ttftP50Ms = 12.0;
        first.ttftP90Ms = 15.0;
        first.ttftP99Ms = 19.5;
        first.inputTokensMean = 40.0;
        TurnTtft second = first;
        second.turn = 1;
        second.requests = 5;
        second.ttftP50Ms = 21.0;
        second.inputTokensMean = 180.0;
        level.ttftByTurn = {first, second};
        summary.levels = {plain, level};
        const QString text = TurnTable::render(summary);
        QVERIFY2(text.startsWith(QStringLiteral("TTFT by turn")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("7 started, 5 complete")), qPrintable(text));
        QCOMPARE(text.count(QLatin1Char('\n')), 4); // title, header, two turns
        QVERIFY2(text.contains(QStringLiteral("180")), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestConversationFlags)
#include "tst_conversationflags.moc"

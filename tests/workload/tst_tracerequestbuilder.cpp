// A trace entry's request: its text, or a prompt made of shared hash blocks.
#include "protocol/promptgenerator.h"
#include "workload/tracerequestbuilder.h"

#include <QTest>

namespace {
using Role = WorkloadMessage::Role;

QStringList words(const QString& text) {
    return text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}
} // namespace

class TestTraceRequestBuilder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void traceLengthsAndBlocks();
    void traceBlocksAreShared();
    void traceMessages();
};

void TestTraceRequestBuilder::traceLengthsAndBlocks() {
    const TraceRequestBuilder builder(5, 8);
    TraceEntry entry;
    entry.timestampMs = 1234.5;
    entry.inputLength = 21; // blocks of 8: 8 + 8 + 5 words
    entry.outputLength = 30;
    entry.hashIds = {1, 2, 3};
    entry.line = 4;
    const WorkloadRequestSpec spec = builder.build(entry, 0);
    QCOMPARE(spec.inputWords, 21);
    QCOMPARE(PromptGenerator::wordCount(spec.promptText()), 21);
    QCOMPARE(spec.maxTokens, 30);
    QCOMPARE(spec.dueMs, 1234.5);
    QCOMPARE(spec.sourceIndex, 4);
    const QStringList sent = words(spec.messages.last().content);
    QCOMPARE(sent.mid(0, 8), words(builder.blockText(1)));
    QCOMPARE(sent.mid(8, 8), words(builder.blockText(2)));
    QCOMPARE(sent.mid(16, 5), words(builder.blockText(3)).mid(0, 5)); // a partial last block

    entry.hashIds = {1};
    entry.inputLength = 20; // one block, then 12 words of its own
    const QStringList own = words(builder.build(entry, 0).messages.last().content);
    QCOMPARE(own.size(), 20);
    QCOMPARE(own.mid(0, 8), words(builder.blockText(1)));
    QVERIFY(own.mid(8) != words(builder.build(entry, 1).messages.last().content).mid(8));
}

void TestTraceRequestBuilder::traceBlocksAreShared() {
    const TraceRequestBuilder builder(9, 16);
    TraceEntry a;
    a.inputLength = 32;
    a.hashIds = {7, 8};
    TraceEntry b;
    b.inputLength = 32;
    b.hashIds = {7, 9};
    const QStringList wa = words(builder.build(a, 0).promptText());
    const QStringList wb = words(builder.build(b, 1).promptText());
    QCOMPARE(wa.mid(0, 16), wb.mid(0, 16)); // equal ids: equal text (the cached prefix)
    QVERIFY(wa.mid(16) != wb.mid(16));
    QVERIFY(TraceRequestBuilder(10, 16).blockText(7) != builder.blockText(7)); // seeded
}

void TestTraceRequestBuilder::traceMessages() {
    TraceEntry entry;
    entry.timestampMs = 3;
    entry.conversation.turns = {{QStringLiteral("q1"), QStringLiteral("a1")},
                                {QStringLiteral("q2"), QString()}};
    const WorkloadRequestSpec spec = TraceRequestBuilder(1).build(entry, 0);
    QCOMPARE(spec.messages.size(), 3);
    QCOMPARE(spec.messages[1], (WorkloadMessage{Role::Assistant, QStringLiteral("a1")}));
    QCOMPARE(spec.maxTokens, -1);
    QCOMPARE(spec.dueMs, 3.0);
}

QTEST_GUILESS_MAIN(TestTraceRequestBuilder)
#include "tst_tracerequestbuilder.moc"

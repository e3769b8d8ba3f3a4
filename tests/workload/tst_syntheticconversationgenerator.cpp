#include "protocol/promptgenerator.h"
#include "workload/conversationrequestbuilder.h"
#include "workload/syntheticconversationgenerator.h"

#include <QSet>
#include <QTest>

#include <cmath>

class TestSyntheticConversationGenerator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void turnsAndLengths();
    void turnCountsFollowTheDistribution();
    void deterministicAndDistinct();
    void feedsTheRequestBuilder();
    void validation();
};

void TestSyntheticConversationGenerator::turnsAndLengths() {
    SyntheticConversationOptions options;
    options.turns = LengthDistribution::fixed(3);
    options.userWords = LengthDistribution::uniform(20, 40);
    options.answerTokens = LengthDistribution::fixed(50);
    options.systemWords = 12;
    const SyntheticConversationGenerator generator(options, 1);
    for (quint64 i = 0; i < 50; ++i) {
        const Conversation c = generator.conversation(i);
        QCOMPARE(c.turns.size(), 3);
        QCOMPARE(PromptGenerator::wordCount(c.system), 12);
        for (const ConversationTurn& turn : c.turns) {
            const int user = PromptGenerator::wordCount(turn.user);
            QVERIFY2(user >= 20 && user <= 40, qPrintable(QString::number(user)));
            QCOMPARE(PromptGenerator::wordCount(turn.reference), 50);
        }
    }
}

void TestSyntheticConversationGenerator::turnCountsFollowTheDistribution() {
    SyntheticConversationOptions options;
    options.turns = LengthDistribution::uniform(1, 6);
    options.userWords = LengthDistribution::fixed(5);
    options.answerTokens = LengthDistribution::fixed(5);
    const SyntheticConversationGenerator generator(options, 2);
    QList<int> counts(7, 0);
    for (quint64 i = 0; i < 3000; ++i)
        ++counts[generator.conversation(i).turns.size()];
    QCOMPARE(counts[0], 0);
    for (int k = 1; k <= 6; ++k) // 500 each on average (sd ≈ 20)
        QVERIFY2(std::abs(counts[k] - 500) < 100, qPrintable(QString::number(counts[k])));
}

void TestSyntheticConversationGenerator::deterministicAndDistinct() {
    SyntheticConversationOptions options;
    options.turns = LengthDistribution::uniform(2, 4);
    const SyntheticConversationGenerator a(options, 5);
    const SyntheticConversationGenerator b(options, 5);
    QCOMPARE(a.conversation(9), b.conversation(9));
    QSet<QString> users;
    for (quint64 i = 0; i < 20; ++i) {
        for (const ConversationTurn& turn : a.conversation(i).turns)
            users.insert(turn.user);
    }
    int turns = 0;
    for (quint64 i = 0; i < 20; ++i)
        turns += int(a.conversation(i).turns.size());
    QCOMPARE(users.size(), turns); // every turn's user text is its own
    QVERIFY(SyntheticConversationGenerator(options, 6).conversation(9) != a.conversation(9));
}

void TestSyntheticConversationGenerator::feedsTheRequestBuilder() {
    SyntheticConversationOptions options;
    options.turns = LengthDistribution::fixed(2);
    options.answerTokens = LengthDistribution::fixed(77);
    const Conversation c = SyntheticConversationGenerator(options, 3).conversation(0);
    const WorkloadRequestSpec second =
        ConversationRequestBuilder::build(c, 1, {QStringLiteral("real answer")}, 0);
    QCOMPARE(second.maxTokens, 77);
    QCOMPARE(second.messages.size(), 3);
    QCOMPARE(second.messages[1].content, QStringLiteral("real answer"));
}

void TestSyntheticConversationGenerator::validation() {
    SyntheticConversationOptions options;
    QCOMPARE(options.validate(), QString());
    options.turns = LengthDistribution::uniform(1, 101);
    QCOMPARE(options.validate(), QStringLiteral("turns: up to 100 per conversation (101 asked)"));
    options.turns = LengthDistribution::fixed(0);
    QCOMPARE(options.validate(), QStringLiteral("turns: fixed: length 0 is outside 1..1000000"));
    options.turns = LengthDistribution::fixed(2);
    options.answerTokens = LengthDistribution::empiricalFile(QStringLiteral("a.json"));
    QCOMPARE(options.validate(),
             QStringLiteral("answer length: the empirical lengths are not loaded"));
    options.answerTokens = LengthDistribution::fixed(2);
    options.systemWords = -1;
    QCOMPARE(options.validate(), QStringLiteral("system prompt length -1 is outside 0..1000000"));
}

QTEST_GUILESS_MAIN(TestSyntheticConversationGenerator)
#include "tst_syntheticconversationgenerator.moc"

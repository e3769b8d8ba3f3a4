// A conversation's turns become requests with the real answers as history.
#include "workload/conversationrequestbuilder.h"

#include <QJsonObject>
#include <QTest>

namespace {
using Role = WorkloadMessage::Role;

Conversation threeTurns() {
    Conversation c;
    c.system = QStringLiteral("You are terse.");
    c.turns = {{QStringLiteral("first question"), QStringLiteral("reference one")},
               {QStringLiteral("second"), QStringLiteral("reference two words")},
               {QStringLiteral("third one here"), QString()}};
    c.sourceIndex = 12;
    return c;
}
} // namespace

class TestConversationRequestBuilder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void firstTurn();
    void laterTurnsCarryTheRealAnswers();
    void missingAnswersFallBackToTheReference();
    void outputTokens();
    void outOfRangeTurn();
    void specToPrompt();
};

void TestConversationRequestBuilder::firstTurn() {
    const WorkloadRequestSpec spec = ConversationRequestBuilder::build(threeTurns(), 0, {}, 7);
    QCOMPARE(spec.messages,
             (QList<WorkloadMessage>{{Role::System, QStringLiteral("You are terse.")},
                                     {Role::User, QStringLiteral("first question")}}));
    QCOMPARE(spec.inputWords, 5);
    QCOMPARE(spec.conversationId, 7);
    QCOMPARE(spec.turnIndex, 0);
    QCOMPARE(spec.sourceIndex, 12);
    QCOMPARE(spec.maxTokens, 2); // the reference answer's words
}

void TestConversationRequestBuilder::laterTurnsCarryTheRealAnswers() {
    const QStringList answers{QStringLiteral("server said A"), QStringLiteral("server said B")};
    const WorkloadRequestSpec spec = ConversationRequestBuilder::build(threeTurns(), 2, answers, 3);
    QCOMPARE(spec.messages,
             (QList<WorkloadMessage>{{Role::System, QStringLiteral("You are terse.")},
                                     {Role::User, QStringLiteral("first question")},
                                     {Role::Assistant, QStringLiteral("server said A")},
                                     {Role::User, QStringLiteral("second")},
                                     {Role::Assistant, QStringLiteral("server said B")},
                                     {Role::User, QStringLiteral("third one here")}}));
    QCOMPARE(spec.turnIndex, 2);
    QCOMPARE(spec.inputWords, 3 + 2 + 3 + 1 + 3 + 3);
    QCOMPARE(spec.maxTokens, -1); // no reference for the last turn: the run's default
}

void TestConversationRequestBuilder::missingAnswersFallBackToTheReference() {
    const WorkloadRequestSpec spec =
        ConversationRequestBuilder::build(threeTurns(), 2, {QStringLiteral("real")}, 3);
    QCOMPARE(spec.messages[2].content, QStringLiteral("real"));
    QCOMPARE(spec.messages[4].content, QStringLiteral("reference two words"));
}

void TestConversationRequestBuilder::outputTokens() {
    Conversation c = threeTurns();
    QCOMPARE(ConversationRequestBuilder::outputTokens(c, 1), 3);
    c.maxTokens = 64; // the entry's own max_tokens wins
    QCOMPARE(ConversationRequestBuilder::outputTokens(c, 1), 64);
    QCOMPARE(ConversationRequestBuilder::outputTokens(threeTurns(), 9), -1);
}

void TestConversationRequestBuilder::outOfRangeTurn() {
    QVERIFY(ConversationRequestBuilder::build(threeTurns(), 3, {}, 1).messages.isEmpty());
    QVERIFY(ConversationRequestBuilder::build(threeTurns(), -1, {}, 1).messages.isEmpty());
}

void TestConversationRequestBuilder::specToPrompt() {
    const WorkloadRequestSpec spec =
        WorkloadRequestSpec::fromText(QStringLiteral("hello world"), QStringLiteral("sys"));
    const Prompt prompt = spec.toPrompt();
    QCOMPARE(prompt.text, QStringLiteral("sys\n\nhello world"));
    QCOMPARE(prompt.estimatedTokens, 3);
    QCOMPARE(prompt.messages.size(), 2);
    QCOMPARE(prompt.messages[0].toObject().value(QLatin1String("role")).toString(),
             QStringLiteral("system"));
    QCOMPARE(prompt.messages[1].toObject().value(QLatin1String("content")).toString(),
             QStringLiteral("hello world"));
}

QTEST_GUILESS_MAIN(TestConversationRequestBuilder)
#include "tst_conversationrequestbuilder.moc"

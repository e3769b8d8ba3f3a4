#include "metrics/levelsummary.h"
#include "metrics/turnttft.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <cmath>

namespace {
// A successful request of `conversation`, turn `turn`, whose first content came `ttftMs`
// after it was sent, with `inputTokens` of prompt.
RequestRecord turnRecord(qint64 conversation, int turn, double ttftMs, int inputTokens) {
    RequestRecord r;
    r.conversationId = conversation;
    r.turnIndex = turn;
    r.tSchedNs = 1'000'000;
    r.tSendNs = 1'000'000;
    r.tFirstContentNs = r.tSendNs + qint64(ttftMs * 1e6);
    r.tLastContentNs = r.tFirstContentNs;
    r.tEndNs = r.tFirstContentNs;
    r.inputTokens = inputTokens;
    return r;
}
} // namespace

class TstTurnTtft : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void groupsByTurnInOrder() {
        QList<RequestRecord> records;
        records << turnRecord(1, 1, 40, 300) << turnRecord(1, 0, 10, 100)
                << turnRecord(2, 0, 20, 120) << turnRecord(2, 1, 60, 340);
        const QList<TurnTtft> rows = TurnTtft::byTurn(records);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].turn, 0);
        QCOMPARE(rows[0].requests, 2);
        QCOMPARE(rows[0].ttftP50Ms, 15.0); // linear interpolation between 10 and 20
        QCOMPARE(rows[0].inputTokensMean, 110.0);
        QCOMPARE(rows[1].turn, 1);
        QCOMPARE(rows[1].ttftP50Ms, 50.0);
        QCOMPARE(rows[1].ttftP99Ms, 59.8);
        QCOMPARE(rows[1].inputTokensMean, 320.0);
    }

    void leavesOutWarmupFailuresAndSingleRequests() {
        RequestRecord warm = turnRecord(1, 0, 999, 1);
        warm.warmup = true;
        RequestRecord failed = turnRecord(2, 0, 999, 1);
        failed.error = ErrorClass::Reset;
        RequestRecord plain = turnRecord(-1, -1, 999, 1); // not part of a conversation
        const QList<RequestRecord> records{warm, failed, plain, turnRecord(3, 0, 7, 5)};
        const QList<TurnTtft> rows = TurnTtft::byTurn(records);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].requests, 1);
        QCOMPARE(rows[0].ttftP90Ms, 7.0);
        QVERIFY(TurnTtft::byTurn({plain}).isEmpty());
    }

    void jsonRoundTripThroughTheLevel() {
        LevelSummary s;
        s.ttftByTurn = TurnTtft::byTurn({turnRecord(1, 0, 10, 100), turnRecord(1, 1, 30, 250)});
        s.conversationsStarted = 3;
        s.conversationsCompleted = 1;
        const LevelSummary back = LevelSummary::fromJson(s.toJson());
        QCOMPARE(back.ttftByTurn.size(), 2);
        QCOMPARE(back.ttftByTurn[1].turn, 1);
        QCOMPARE(back.ttftByTurn[1].ttftP99Ms, 30.0);
        QCOMPARE(back.ttftByTurn[1].inputTokensMean, 250.0);
        QCOMPARE(back.conversationsStarted, 3);
        QCOMPARE(back.conversationsCompleted, 1);
    }

    void filesWithoutTheKeyRead() {
        const QJsonObject plain = LevelSummary().toJson();
        QVERIFY(!plain.contains(QStringLiteral("ttft_by_turn")));
        const LevelSummary back = LevelSummary::fromJson(plain);
        QVERIFY(back.ttftByTurn.isEmpty());
        QCOMPARE(back.conversationsStarted, 0);
        // Hostile rows: not objects are skipped, nulls read as NaN, negatives clamp to 0.
        const QJsonArray odd{1, QJsonObject{{QStringLiteral("turn"), -4},
                                            {QStringLiteral("ttft_p50_ms"), QJsonValue()}}};
        const QList<TurnTtft> rows = TurnTtft::fromJson(odd);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].turn, 0);
        QVERIFY(std::isnan(rows[0].ttftP50Ms));
    }
};

QTEST_APPLESS_MAIN(TstTurnTtft)
#include "tst_turnttft.moc"

#include "charts/requestscatterchart.h"
#include "models/requestscatter.h"

#include <QLineSeries>
#include <QScatterSeries>
#include <QTest>
#include <QValueAxis>

namespace {
RequestRecord request(int level, int input, int output, double ttftMs, double e2eMs,
                      int turn = -1) {
    RequestRecord r;
    r.level = level;
    r.tSendNs = 1'000'000'000;
    r.tFirstContentNs = r.tSendNs + qint64(ttftMs * 1e6);
    r.tLastContentNs = r.tSendNs + qint64(e2eMs * 1e6);
    r.inputTokens = input;
    r.outputTokens = output;
    r.turnIndex = turn;
    r.conversationId = turn >= 0 ? 1 : -1;
    return r;
}
} // namespace

class TstRequestScatter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ttftAgainstInputOfTheLevelOnly();
    void e2eAgainstOutput();
    void failedAndWarmupRequestsAreLeftOut();
    void byTurnHasPercentilesPerTurn();
    void largeLevelsAreSubsampledEvenly();
    void chartDrawsTheScatter();
};

void TstRequestScatter::ttftAgainstInputOfTheLevelOnly() {
    const QList<RequestRecord> records = {
        request(0, 100, 10, 50, 500), request(1, 200, 20, 80, 800), request(1, 400, 40, 120, 900)};
    const RequestScatter s = RequestScatter::build(records, 1, RequestScatter::View::TtftVsInput);
    QCOMPARE(s.points, (QList<QPointF>{{200, 80}, {400, 120}}));
    QCOMPARE(s.requests, 2);
    QCOMPARE(s.xTitle, QStringLiteral("Input tokens"));
    QVERIFY(s.p50.isEmpty());
    QVERIFY(!RequestScatter::hasTurns(records, 1));
}

void TstRequestScatter::e2eAgainstOutput() {
    const QList<RequestRecord> records = {request(0, 100, 10, 50, 500),
                                          request(0, 100, 30, 50, 700)};
    const RequestScatter s = RequestScatter::build(records, 0, RequestScatter::View::E2eVsOutput);
    QCOMPARE(s.points, (QList<QPointF>{{10, 500}, {30, 700}}));
    QCOMPARE(s.yTitle, QStringLiteral("End-to-end (ms)"));
}

void TstRequestScatter::failedAndWarmupRequestsAreLeftOut() {
    RequestRecord failed = request(0, 100, 0, 50, 500);
    failed.error = ErrorClass::Http5xx;
    RequestRecord warmup = request(0, 100, 10, 50, 500);
    warmup.warmup = true;
    RequestRecord noContent = request(0, 100, 0, 50, 500);
    noContent.tFirstContentNs = -1; // TTFT undefined
    const QList<RequestRecord> records = {failed, warmup, noContent, request(0, 7, 1, 5, 9)};
    const RequestScatter s = RequestScatter::build(records, 0, RequestScatter::View::TtftVsInput);
    QCOMPARE(s.points, (QList<QPointF>{{7, 5}}));
}

void TstRequestScatter::byTurnHasPercentilesPerTurn() {
    QList<RequestRecord> records;
    for (int i = 1; i <= 10; ++i) {
        records << request(0, 100, 10, i, 100, 0);      // turn 1: 1..10 ms
        records << request(0, 300, 10, 10 * i, 100, 1); // turn 2: 10..100 ms
    }
    records << request(0, 100, 10, 5, 100); // not a conversation request
    QVERIFY(RequestScatter::hasTurns(records, 0));
    const RequestScatter s = RequestScatter::build(records, 0, RequestScatter::View::TtftByTurn);
    QCOMPARE(s.points.size(), 20);
    QCOMPARE(s.p50, (QList<QPointF>{{1, 5}, {2, 50}}));
    QCOMPARE(s.p90, (QList<QPointF>{{1, 9}, {2, 90}}));
    QCOMPARE(s.xTitle, QStringLiteral("Turn"));
}

void TstRequestScatter::largeLevelsAreSubsampledEvenly() {
    QList<RequestRecord> records;
    for (int i = 0; i < RequestScatter::kMaxPoints * 2 + 10; ++i)
        records << request(0, i, 10, 1, 2);
    const RequestScatter s = RequestScatter::build(records, 0, RequestScatter::View::TtftVsInput);
    QCOMPARE(s.requests, records.size());
    QCOMPARE(s.points.size(), RequestScatter::kMaxPoints);
    QCOMPARE(s.points.constFirst().x(), 0.0);
    QVERIFY(s.points.constLast().x() > RequestScatter::kMaxPoints * 2 - 10); // to the end
}

void TstRequestScatter::chartDrawsTheScatter() {
    QList<RequestRecord> records;
    for (int i = 1; i <= 10; ++i)
        records << request(0, 100, 10, 30 * i, 100, i % 3);
    RequestScatterChart chart;
    chart.setScatter(RequestScatter::build(records, 0, RequestScatter::View::TtftByTurn),
                     QColor(0x00, 0x9E, 0x73), QStringLiteral("c=4"));
    QCOMPARE(chart.title(), QStringLiteral("c=4"));
    QCOMPARE(chart.points()->count(), 10);
    QCOMPARE(chart.p50Line()->count(), 3);
    QVERIFY(chart.p50Line()->isVisible());
    QCOMPARE(chart.xAxis()->min(), 0.5);
    QCOMPARE(chart.xAxis()->max(), 3.5);
    QVERIFY(chart.yAxis()->max() >= 300.0);
    QCOMPARE(chart.xAxis()->titleText(), QStringLiteral("Turn"));

    chart.setScatter(RequestScatter::build(records, 0, RequestScatter::View::E2eVsOutput), {},
                     QStringLiteral("c=4"));
    QVERIFY(!chart.p50Line()->isVisible());
    QCOMPARE(chart.xAxis()->titleText(), QStringLiteral("Output tokens"));
    QVERIFY(chart.xAxis()->max() >= 10.0);
}

QTEST_MAIN(TstRequestScatter)
#include "tst_requestscatter.moc"

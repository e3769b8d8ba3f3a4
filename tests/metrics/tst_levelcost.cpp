// LevelCost: a level's cost per million output tokens and per 1,000 requests at the
// endpoint's price (METRICS.md, "Cost"), per hour at the level's measured throughput and per
// token at its actual token mix, and the money text the CLI and the GUI show.

#include "metrics/levelcost.h"
#include "metrics/levelsummary.h"

#include <QJsonObject>
#include <QTest>
#include <cmath>

class TestLevelCost : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void perHourAtMeasuredThroughput();
    void perTokenAtTheLevelsMix();
    void noPriceOrNoFigures();
    void moneyText_data();
    void moneyText();
};

namespace {
LevelSummary level(double outTps, double rps, qint64 inputTokens, qint64 outputTokens,
                   int successes) {
    LevelSummary l;
    l.outputThroughputTps = outTps;
    l.requestThroughputRps = rps;
    l.inputTokens = inputTokens;
    l.outputTokens = outputTokens;
    l.successes = successes;
    l.requests = successes;
    return l;
}
} // namespace

void TestLevelCost::perHourAtMeasuredThroughput() {
    EndpointPrice price;
    price.perHour = 20.0;
    // 6,100 tok/s = 21.96 M tokens an hour: $20 / 21.96 = $0.9107 per million.
    const LevelCost cost = LevelCost::of(price, level(6100, 25, 1000, 2000, 10));
    QVERIFY(cost.perHour);
    QCOMPARE(cost.perMillionOutputTokens, 20.0 / (6100.0 * 3600) * 1e6);
    QVERIFY(std::abs(cost.perMillionOutputTokens - 0.9107) < 1e-4);
    // 25 req/s = 90,000 requests an hour: $20 / 90 per thousand.
    QCOMPARE(cost.perThousandRequests, 20.0 / 90.0);
    // Twice the throughput, half the cost per token.
    const LevelCost busier = LevelCost::of(price, level(12200, 50, 1000, 2000, 10));
    QCOMPARE(busier.perMillionOutputTokens, cost.perMillionOutputTokens / 2);
    const QJsonObject json = cost.toJson();
    QCOMPARE(json.value(QStringLiteral("basis")).toString(), QStringLiteral("per_hour"));
    QCOMPARE(json.value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));
    QCOMPARE(json.value(QStringLiteral("per_million_output_tokens")).toDouble(),
             cost.perMillionOutputTokens);
}

void TestLevelCost::perTokenAtTheLevelsMix() {
    EndpointPrice price;
    price.inputPerMtok = 0.5;
    price.outputPerMtok = 1.5;
    price.currency = QStringLiteral("EUR");
    // 100 requests, 3,000 in + 200 out tokens each: 300,000 in, 20,000 out.
    // Total = 0.3 x 0.5 + 0.02 x 1.5 = 0.15 + 0.03 = 0.18.
    const LevelCost cost = LevelCost::of(price, level(500, 2, 300000, 20000, 100));
    QVERIFY(!cost.perHour);
    QVERIFY(std::abs(cost.perMillionOutputTokens - 0.18 / 0.02) < 1e-9);    // 9.00 per M out
    QVERIFY(std::abs(cost.perThousandRequests - 0.18 / 100 * 1000) < 1e-9); // 1.80
    // Throughput does not change a per-token price.
    const LevelCost faster = LevelCost::of(price, level(5000, 20, 300000, 20000, 100));
    QCOMPARE(faster.perMillionOutputTokens, cost.perMillionOutputTokens);
    QCOMPARE(cost.toJson().value(QStringLiteral("basis")).toString(), QStringLiteral("per_token"));
}

void TestLevelCost::noPriceOrNoFigures() {
    QVERIFY(!LevelCost::of(EndpointPrice{}, level(6100, 25, 1, 1, 1)).isValid());
    EndpointPrice hourly;
    hourly.perHour = 10;
    const LevelCost failed = LevelCost::of(hourly, level(LevelSummary::nan, 0, 0, 0, 0));
    QVERIFY(!failed.isValid());
    QVERIFY(failed.toJson().value(QStringLiteral("per_million_output_tokens")).isNull());
    EndpointPrice perToken;
    perToken.outputPerMtok = 1;
    QVERIFY(!LevelCost::of(perToken, level(0, 0, 100, 0, 0)).isValid());
}

void TestLevelCost::moneyText_data() {
    QTest::addColumn<double>("amount");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("text");
    QTest::newRow("dollars") << 0.9107 << QStringLiteral("USD") << QStringLiteral("$0.91");
    QTest::newRow("euros") << 12.4 << QStringLiteral("EUR") << QString(QChar(0x20AC)) + u"12.40";
    QTest::newRow("small") << 0.003142 << QStringLiteral("USD") << QStringLiteral("$0.0031");
    QTest::newRow("other code") << 1.5 << QStringLiteral("CHF") << QStringLiteral("1.50 CHF");
    QTest::newRow("undefined") << LevelCost::nan << QStringLiteral("USD") << QString();
}

void TestLevelCost::moneyText() {
    QFETCH(double, amount);
    QFETCH(QString, currency);
    QFETCH(QString, text);
    QCOMPARE(LevelCost::money(amount, currency), text);
}

QTEST_MAIN(TestLevelCost)
#include "tst_levelcost.moc"

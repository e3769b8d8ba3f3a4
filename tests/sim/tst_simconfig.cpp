#include "sim/simconfig.h"

#include <QTest>

class TestSimConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultPlateauNear8000();
    void presets_data();
    void presets();
    void jsonRoundTrip();
    void fromJsonKeepsDefaultsAndIgnoresWrongTypes();
    void set_data();
    void set();
    void failedSetChangesNothing();
    void validate();
};

void TestSimConfig::defaultPlateauNear8000() {
    const SimConfig c = SimConfig::preset(QStringLiteral("default"));
    QCOMPARE(c.maxBatch, 64);
    QVERIFY(qFuzzyCompare(c.stepMs(64), 7.42));
    QVERIFY(qAbs(c.plateauTokensPerS() - 8625.3) < 1.0); // decode only: 64 / 7.42 ms
    // With the default profile's workload (256-token prompts, 128-token outputs) each step
    // also carries half a prompt's prefill (1.28 ms / 2): 64 / 8.06 ms.
    QVERIFY(qAbs(c.plateauTokensPerS(256, 128) - 7940.4) < 1.0);
    // Unknown names fall back to the default.
    QCOMPARE(SimConfig::preset(QStringLiteral("nope")).toJson(), c.toJson());
    // The workload features are off by default: today's figures stay.
    QCOMPARE(c.prefixCacheBlocks, 0);
    QCOMPARE(c.prefixBlockWords, 16);
    QCOMPARE(c.earlyStopRate, 0.0);
    QCOMPARE(c.kvCacheTokens, 0);
    QCOMPARE(c.batchFor(256, 128), 64.0);
}

void TestSimConfig::presets_data() {
    QTest::addColumn<QString>("name");
    for (const QString& name : SimConfig::presetNames())
        QTest::newRow(qPrintable(name)) << name;
}

void TestSimConfig::presets() {
    QFETCH(QString, name);
    const SimConfig c = SimConfig::preset(name);
    QString error;
    QVERIFY2(c.validate(&error), qPrintable(error));
    QVERIFY(!SimConfig::presetDescription(name).isEmpty());
    if (name == QLatin1String("overloaded")) {
        QVERIFY(c.maxQueue > 0);
        QVERIFY(c.rate429 > 0 && c.rate500 > 0 && c.rateDrop > 0 && c.rateErrorEvent > 0);
    }
    if (name == QLatin1String("small-fast"))
        QVERIFY(c.plateauTokensPerS() > SimConfig{}.plateauTokensPerS());
    if (name == QLatin1String("large-slow"))
        QVERIFY(c.plateauTokensPerS() < SimConfig{}.plateauTokensPerS());
    if (name == QLatin1String("prefix-cache"))
        QVERIFY(c.prefixCacheBlocks > 0);
    if (name == QLatin1String("early-eos"))
        QVERIFY(c.earlyStopRate > 0 && c.earlyStopRate < 1);
    if (name == QLatin1String("kv-bound")) {
        // Memory binds before the slots do: fewer sequences, a lower plateau.
        QVERIFY(c.kvCacheTokens > 0);
        QVERIFY(c.batchFor(256, 128) < c.maxBatch);
        QVERIFY(c.plateauTokensPerS(256, 128) < 0.8 * SimConfig{}.plateauTokensPerS(256, 128));
    }
}

void TestSimConfig::jsonRoundTrip() {
    SimConfig c = SimConfig::preset(QStringLiteral("overloaded"));
    c.apiKey = QStringLiteral("k");
    c.model = QStringLiteral("m \"quoted\"");
    c.seed = 123456789;
    const QJsonObject o = c.toJson();
    QCOMPARE(o.value(u"max_batch").toInt(), 32);
    QCOMPARE(o.value(u"rate_429").toDouble(), 0.02);
    QCOMPARE(SimConfig::fromJson(o).toJson(), o);
    QCOMPARE(QStringList(o.keys()).size(), SimConfig::keys().size());
}

void TestSimConfig::fromJsonKeepsDefaultsAndIgnoresWrongTypes() {
    const SimConfig c =
        SimConfig::fromJson(QJsonObject{{QStringLiteral("max_batch"), 7},
                                        {QStringLiteral("decode_base_ms"), QStringLiteral("x")},
                                        {QStringLiteral("unknown"), 1}});
    QCOMPARE(c.maxBatch, 7);
    QCOMPARE(c.decodeBaseMs, SimConfig{}.decodeBaseMs);
}

void TestSimConfig::set_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::newRow("int") << "max_batch"
                         << "128" << true;
    QTest::newRow("double") << "decode_base_ms"
                            << "7.5" << true;
    QTest::newRow("string") << "api_key"
                            << "abc" << true;
    QTest::newRow("seed hex") << "seed"
                              << "0xffffffffffffffff" << true;
    QTest::newRow("rate") << "rate_drop"
                          << "0.25" << true;
    QTest::newRow("prefix cache") << "prefix_cache_blocks"
                                  << "4096" << true;
    QTest::newRow("block words") << "prefix_block_words"
                                 << "32" << true;
    QTest::newRow("zero block words") << "prefix_block_words"
                                      << "0" << false;
    QTest::newRow("early stops") << "early_stop_rate"
                                 << "0.3" << true;
    QTest::newRow("early stops above 1") << "early_stop_rate"
                                         << "1.1" << false;
    QTest::newRow("kv cache") << "kv_cache_tokens"
                              << "12288" << true;
    QTest::newRow("kv cache negative") << "kv_cache_tokens"
                                       << "-1" << false;
    QTest::newRow("unknown key") << "max_batches"
                                 << "1" << false;
    QTest::newRow("not a number") << "max_batch"
                                  << "many" << false;
    QTest::newRow("fraction for int") << "max_batch"
                                      << "1.5" << false;
    QTest::newRow("zero batch") << "max_batch"
                                << "0" << false;
    QTest::newRow("negative") << "decode_base_ms"
                              << "-1" << false;
    QTest::newRow("rate above 1") << "rate_500"
                                  << "1.5" << false;
    QTest::newRow("nan") << "jitter_fraction"
                         << "nan" << false;
}

void TestSimConfig::set() {
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, ok);
    SimConfig c;
    QString error;
    QCOMPARE(c.set(key, value, &error), ok);
    QCOMPARE(error.isEmpty(), ok);
    if (ok) {
        const QJsonValue v = c.toJson().value(key);
        if (key == QLatin1String("api_key"))
            QCOMPARE(v.toString(), value);
        else if (key == QLatin1String("seed"))
            QCOMPARE(c.seed, 0xffffffffffffffffULL);
        else
            QCOMPARE(v.toDouble(), value.toDouble());
    }
}

void TestSimConfig::failedSetChangesNothing() {
    SimConfig c;
    QString error;
    QVERIFY(c.set(QStringLiteral("rate_429"), QStringLiteral("0.6"), &error));
    QVERIFY(!c.set(QStringLiteral("rate_500"), QStringLiteral("0.6"), &error));
    QVERIFY(error.contains(QStringLiteral("add up")));
    QCOMPARE(c.rate500, 0.0);
}

void TestSimConfig::validate() {
    SimConfig c;
    QString error;
    QVERIFY(c.validate(&error));
    c.maxBatch = 0;
    QVERIFY(!c.validate(&error));
    QVERIFY(error.contains(QStringLiteral("max_batch")));
    c = SimConfig{};
    c.rateStall = 0.7;
    c.rateDrop = 0.7;
    QVERIFY(!c.validate(&error));
}

QTEST_GUILESS_MAIN(TestSimConfig)
#include "tst_simconfig.moc"

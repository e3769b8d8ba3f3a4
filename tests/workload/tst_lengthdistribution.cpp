#include "profile/lengthdistribution.h"

#include <QTest>

using Kind = LengthDistribution::Kind;

class TestLengthDistribution : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void readyToSample();
    void quantiles();
    void kindNames();
    void equalityIgnoresUnusedFields();
};

void TestLengthDistribution::valid_data() {
    QTest::addColumn<LengthDistribution>("d");
    QTest::addRow("fixed 1") << LengthDistribution::fixed(1);
    QTest::addRow("fixed max") << LengthDistribution::fixed(1000000);
    QTest::addRow("uniform one value") << LengthDistribution::uniform(7, 7);
    QTest::addRow("normal sd 0") << LengthDistribution::normal(300, 0);
    QTest::addRow("normal clipped") << LengthDistribution::normal(300, 50, 100, 500);
    QTest::addRow("lognormal") << LengthDistribution::logNormal(200, 0.6);
    QTest::addRow("lognormal sigma max") << LengthDistribution::logNormal(200, 4.0);
    QTest::addRow("empirical values") << LengthDistribution::empirical({1, 5, 1000000});
    QTest::addRow("empirical file") << LengthDistribution::empiricalFile(QStringLiteral("x.json"));
}

void TestLengthDistribution::valid() {
    QFETCH(LengthDistribution, d);
    QCOMPARE(d.validate(), QString());
}

void TestLengthDistribution::invalid_data() {
    QTest::addColumn<LengthDistribution>("d");
    QTest::addColumn<QString>("message");
    QTest::addRow("fixed 0") << LengthDistribution::fixed(0)
                             << QStringLiteral("fixed: length 0 is outside 1..1000000");
    QTest::addRow("fixed too big") << LengthDistribution::fixed(1000001)
                                   << QStringLiteral("fixed: length 1000001 is outside 1..1000000");
    QTest::addRow("uniform reversed") << LengthDistribution::uniform(600, 500)
                                      << QStringLiteral("uniform: min 600 is above max 500");
    QTest::addRow("uniform min 0") << LengthDistribution::uniform(0, 500)
                                   << QStringLiteral("uniform: min 0 is outside 1..1000000");
    QTest::addRow("normal negative sd") << LengthDistribution::normal(300, -1)
                                        << QStringLiteral("normal: sd -1 is outside 0..1000000");
    QTest::addRow("normal nan mean") << LengthDistribution::normal(qQNaN(), 1)
                                     << QStringLiteral("normal: mean nan is outside 1..1000000");
    QTest::addRow("normal mean outside bounds")
        << LengthDistribution::normal(600, 50, 100, 500)
        << QStringLiteral("normal: mean 600 is outside min..max 100..500");
    QTest::addRow("lognormal sigma") << LengthDistribution::logNormal(200, 4.5)
                                     << QStringLiteral("lognormal: sigma 4.5 is outside 0..4");
    QTest::addRow("lognormal median 0")
        << LengthDistribution::logNormal(0.5, 1)
        << QStringLiteral("lognormal: median 0.5 is outside 1..1000000");
    QTest::addRow("empirical nothing")
        << LengthDistribution::empirical({})
        << QStringLiteral("empirical: no observed lengths and no file to take them from");
    QTest::addRow("empirical bad value")
        << LengthDistribution::empirical({5, 0})
        << QStringLiteral("empirical: observed length #2 0 is outside 1..1000000");
}

void TestLengthDistribution::invalid() {
    QFETCH(LengthDistribution, d);
    QFETCH(QString, message);
    QCOMPARE(d.validate(), message);
    QVERIFY(!d.readyToSample());
}

void TestLengthDistribution::readyToSample() {
    QVERIFY(LengthDistribution::fixed(5).readyToSample());
    QVERIFY(!LengthDistribution::empiricalFile(QStringLiteral("x.json")).readyToSample());
    QVERIFY(LengthDistribution::empirical({3}).readyToSample());
}

void TestLengthDistribution::quantiles() {
    QCOMPARE(LengthDistribution::fixed(77).quantile(0.99), 77);
    QCOMPARE(LengthDistribution::uniform(100, 200).quantile(0.5), 150);
    QCOMPARE(LengthDistribution::uniform(100, 200).quantile(1.0), 200);
    // z(0.975) = 1.959964, z(0.99) = 2.326348, z(0.05) = -1.644854, z(0.999) = 3.090232
    QCOMPARE(LengthDistribution::normal(1000, 1000, 1, 1000000).quantile(0.975), 2960);
    QCOMPARE(LengthDistribution::normal(10000, 1000).quantile(0.99), 12326);
    QCOMPARE(LengthDistribution::normal(10000, 1000).quantile(0.05), 8355);
    QCOMPARE(LengthDistribution::normal(10000, 1000).quantile(0.999), 13090);
    QCOMPARE(LengthDistribution::normal(10000, 1000).quantile(0.5), 10000);
    QCOMPARE(LengthDistribution::normal(300, 50, 100, 500).quantile(1.0), 500);
    QCOMPARE(LengthDistribution::normal(300, 50, 100, 500).quantile(0.0), 100);
    QCOMPARE(LengthDistribution::logNormal(200, 0.6).quantile(0.5), 200);
    // 200 * e^(0.6 * 2.326348) = 807.6
    QCOMPARE(LengthDistribution::logNormal(200, 0.6).quantile(0.99), 808);
    QCOMPARE(LengthDistribution::logNormal(200, 0.6, 1, 500).quantile(0.99), 500);
    QCOMPARE(LengthDistribution::empirical({5, 1, 4, 2, 3}).quantile(0.5), 3);
    QCOMPARE(LengthDistribution::empirical({5, 1, 4, 2, 3}).quantile(1.0), 5);
    QCOMPARE(LengthDistribution::empirical({5, 1, 4, 2, 3}).quantile(0.0), 1);
    QCOMPARE(LengthDistribution::empiricalFile(QStringLiteral("f")).quantile(0.5), 0);
}

void TestLengthDistribution::kindNames() {
    for (Kind kind : {Kind::Fixed, Kind::Uniform, Kind::Normal, Kind::LogNormal, Kind::Empirical}) {
        Kind parsed = Kind::Fixed;
        QVERIFY(LengthDistribution::kindFromName(LengthDistribution::kindName(kind), &parsed));
        QCOMPARE(parsed, kind);
    }
    Kind parsed = Kind::Fixed;
    QVERIFY(LengthDistribution::kindFromName(QStringLiteral("Gaussian"), &parsed));
    QCOMPARE(parsed, Kind::Normal);
    QVERIFY(LengthDistribution::kindFromName(QStringLiteral("log-normal"), &parsed));
    QCOMPARE(parsed, Kind::LogNormal);
    QVERIFY(!LengthDistribution::kindFromName(QStringLiteral("poisson"), &parsed));
}

void TestLengthDistribution::equalityIgnoresUnusedFields() {
    LengthDistribution a = LengthDistribution::fixed(10);
    LengthDistribution b = LengthDistribution::fixed(10);
    b.mean = 99;
    b.min = 5;
    QVERIFY(a == b);
    QVERIFY(!(a == LengthDistribution::fixed(11)));
    QVERIFY(!(LengthDistribution::normal(1, 2) == LengthDistribution::logNormal(1, 2)));
}

QTEST_GUILESS_MAIN(TestLengthDistribution)
#include "tst_lengthdistribution.moc"

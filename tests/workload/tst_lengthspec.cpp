#include "workload/lengthspec.h"

#include <QTest>

class TestLengthSpec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void roundTrip_data();
    void roundTrip();
    void errors_data();
    void errors();
};

void TestLengthSpec::parses_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<LengthDistribution>("expected");
    QTest::addRow("number") << QStringLiteral("256") << LengthDistribution::fixed(256);
    QTest::addRow("spaces") << QStringLiteral("  256 ") << LengthDistribution::fixed(256);
    QTest::addRow("fixed:") << QStringLiteral("fixed:64") << LengthDistribution::fixed(64);
    QTest::addRow("fixed value=") << QStringLiteral("fixed:value=64")
                                  << LengthDistribution::fixed(64);
    QTest::addRow("uniform") << QStringLiteral("uniform:128..512")
                             << LengthDistribution::uniform(128, 512);
    QTest::addRow("uniform named")
        << QStringLiteral("Uniform: min=128, max=512") << LengthDistribution::uniform(128, 512);
    QTest::addRow("normal") << QStringLiteral("normal:300,50")
                            << LengthDistribution::normal(300, 50);
    QTest::addRow("normal range") << QStringLiteral("normal:300,50,100..500")
                                  << LengthDistribution::normal(300, 50, 100, 500);
    QTest::addRow("normal named") << QStringLiteral("gaussian:sd=50,mean=300,min=100,max=500")
                                  << LengthDistribution::normal(300, 50, 100, 500);
    QTest::addRow("normal mixed") << QStringLiteral("normal:mean=300.5,12.25")
                                  << LengthDistribution::normal(300.5, 12.25);
    QTest::addRow("normal stddev")
        << QStringLiteral("normal:300,stddev=50") << LengthDistribution::normal(300, 50);
    QTest::addRow("lognormal") << QStringLiteral("lognormal:median=200,sigma=0.6")
                               << LengthDistribution::logNormal(200, 0.6);
    QTest::addRow("lognormal plain") << QStringLiteral("log-normal:200,0.6,10..900")
                                     << LengthDistribution::logNormal(200, 0.6, 10, 900);
    QTest::addRow("empirical file")
        << QStringLiteral("empirical:data/share gpt.json")
        << LengthDistribution::empiricalFile(QStringLiteral("data/share gpt.json"));
    QTest::addRow("empirical values")
        << QStringLiteral("empirical:12, 40,300") << LengthDistribution::empirical({12, 40, 300});
}

void TestLengthSpec::parses() {
    QFETCH(QString, spec);
    QFETCH(LengthDistribution, expected);
    QString error;
    const std::optional<LengthDistribution> parsed = LengthSpec::parse(spec, &error);
    QVERIFY2(parsed, qPrintable(error));
    QVERIFY2(*parsed == expected, qPrintable(LengthSpec::format(*parsed)));
}

void TestLengthSpec::roundTrip_data() {
    QTest::addColumn<LengthDistribution>("d");
    QTest::addColumn<QString>("canonical");
    QTest::addRow("fixed") << LengthDistribution::fixed(256) << QStringLiteral("256");
    QTest::addRow("uniform") << LengthDistribution::uniform(1, 9) << QStringLiteral("uniform:1..9");
    QTest::addRow("normal") << LengthDistribution::normal(300.5, 0.1)
                            << QStringLiteral("normal:300.5,0.1");
    QTest::addRow("normal clipped")
        << LengthDistribution::normal(300, 50, 1, 400) << QStringLiteral("normal:300,50,1..400");
    QTest::addRow("lognormal") << LengthDistribution::logNormal(200, 0.6)
                               << QStringLiteral("lognormal:median=200,sigma=0.6");
    QTest::addRow("lognormal clipped")
        << LengthDistribution::logNormal(200, 0.6, 20, 1000000)
        << QStringLiteral("lognormal:median=200,sigma=0.6,20..1000000");
    QTest::addRow("empirical file") << LengthDistribution::empiricalFile(QStringLiteral("a.jsonl"))
                                    << QStringLiteral("empirical:a.jsonl");
    QTest::addRow("empirical values")
        << LengthDistribution::empirical({3, 1, 2}) << QStringLiteral("empirical:3,1,2");
}

void TestLengthSpec::roundTrip() {
    QFETCH(LengthDistribution, d);
    QFETCH(QString, canonical);
    QCOMPARE(LengthSpec::format(d), canonical);
    QString error;
    const std::optional<LengthDistribution> back = LengthSpec::parse(canonical, &error);
    QVERIFY2(back, qPrintable(error));
    QVERIFY(*back == d);
}

void TestLengthSpec::errors_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");
    QTest::addRow("empty") << QString()
                           << QStringLiteral(
                                  "empty length: give a number or e.g. uniform:128..512");
    QTest::addRow("word") << QStringLiteral("lots")
                          << QStringLiteral("length must be a whole number, not 'lots'");
    QTest::addRow("decimal") << QStringLiteral("12.5")
                             << QStringLiteral("length must be a whole number, not '12.5'");
    QTest::addRow("zero") << QStringLiteral("0")
                          << QStringLiteral("fixed: length 0 is outside 1..1000000");
    QTest::addRow("huge") << QStringLiteral("99999999999999")
                          << QStringLiteral("fixed: length 1000001 is outside 1..1000000");
    QTest::addRow("unknown kind") << QStringLiteral("poisson:3")
                                  << QStringLiteral("unknown length distribution 'poisson' "
                                                    "(fixed, uniform, normal, lognormal, "
                                                    "empirical)");
    QTest::addRow("no parameters")
        << QStringLiteral("normal:") << QStringLiteral("'normal:' needs parameters");
    QTest::addRow("uniform no range")
        << QStringLiteral("uniform:128") << QStringLiteral("too many values for uniform: '128'");
    QTest::addRow("uniform half") << QStringLiteral("uniform:min=128")
                                  << QStringLiteral("uniform needs a range, e.g. uniform:128..512");
    QTest::addRow("uniform reversed") << QStringLiteral("uniform:512..128")
                                      << QStringLiteral("uniform: min 512 is above max 128");
    QTest::addRow("uniform junk") << QStringLiteral("uniform:a..5")
                                  << QStringLiteral("min must be a whole number, not 'a'");
    QTest::addRow("normal one value")
        << QStringLiteral("normal:300")
        << QStringLiteral("normal needs a mean and an sd, e.g. normal:300,50");
    QTest::addRow("normal nan") << QStringLiteral("normal:nan,5")
                                << QStringLiteral("mean must be a number, not 'nan'");
    QTest::addRow("normal unknown key") << QStringLiteral("normal:300,50,skew=2")
                                        << QStringLiteral("unknown parameter 'skew' for normal");
    QTest::addRow("normal twice") << QStringLiteral("normal:mean=1,mean=2")
                                  << QStringLiteral("'mean' is given twice");
    QTest::addRow("normal two ranges") << QStringLiteral("normal:300,50,1..5,6..9")
                                       << QStringLiteral("more than one min..max range");
    QTest::addRow("normal empty item")
        << QStringLiteral("normal:300,,50") << QStringLiteral("an empty parameter in '300,,50'");
    QTest::addRow("normal outside")
        << QStringLiteral("normal:600,50,1..500")
        << QStringLiteral("normal: mean 600 is outside min..max 1..500");
    QTest::addRow("lognormal sigma") << QStringLiteral("lognormal:median=200,sigma=9")
                                     << QStringLiteral("lognormal: sigma 9 is outside 0..4");
    QTest::addRow("lognormal missing") << QStringLiteral("lognormal:median=200")
                                       << QStringLiteral("lognormal needs a median and a sigma, "
                                                         "e.g. lognormal:median=200,sigma=0.6");
    QTest::addRow("control characters") << QStringLiteral("x\ny:1")
                                        << QStringLiteral("unknown length distribution 'x\\ny' "
                                                          "(fixed, uniform, normal, lognormal, "
                                                          "empirical)");
    QTest::addRow("empirical zero")
        << QStringLiteral("empirical:5,0")
        << QStringLiteral("empirical: observed length #2 0 is outside 1..1000000");
}

void TestLengthSpec::errors() {
    QFETCH(QString, spec);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!LengthSpec::parse(spec, &error));
    QCOMPARE(error, message);
    QVERIFY(!LengthSpec::parse(spec, nullptr)); // a null error pointer is allowed
}

QTEST_GUILESS_MAIN(TestLengthSpec)
#include "tst_lengthspec.moc"

#include "profile/lengthdistributionjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {
QJsonObject json(const char* text) {
    return QJsonDocument::fromJson(QByteArray(text)).object();
}
} // namespace

class TestLengthDistributionJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void reads_data();
    void reads();
    void errors_data();
    void errors();
};

void TestLengthDistributionJson::roundTrip_data() {
    QTest::addColumn<LengthDistribution>("d");
    QTest::addRow("fixed") << LengthDistribution::fixed(256);
    QTest::addRow("uniform") << LengthDistribution::uniform(1, 9);
    QTest::addRow("normal") << LengthDistribution::normal(300.5, 0.1, 2, 900);
    QTest::addRow("lognormal") << LengthDistribution::logNormal(200, 0.6);
    QTest::addRow("empirical file") << LengthDistribution::empiricalFile(QStringLiteral("a.jsonl"));
    QTest::addRow("empirical values") << LengthDistribution::empirical({3, 1, 2});
}

void TestLengthDistributionJson::roundTrip() {
    QFETCH(LengthDistribution, d);
    QString error;
    const QJsonObject object = LengthDistributionJson::toJson(d);
    const std::optional<LengthDistribution> back =
        LengthDistributionJson::fromJson(object, QStringLiteral("workload.input"), &error);
    QVERIFY2(back, qPrintable(error));
    QVERIFY(*back == d);
    QVERIFY(error.isEmpty());
}

void TestLengthDistributionJson::reads_data() {
    QTest::addColumn<QJsonObject>("object");
    QTest::addColumn<LengthDistribution>("expected");
    QTest::addRow("normal without bounds")
        << json(R"({"kind":"normal","mean":300,"sd":50})") << LengthDistribution::normal(300, 50);
    QTest::addRow("lognormal with max") << json(R"({"kind":"lognormal","median":200,"sigma":1,
                                                    "max":4000})")
                                        << LengthDistribution::logNormal(200, 1, 1, 4000);
}

void TestLengthDistributionJson::reads() {
    QFETCH(QJsonObject, object);
    QFETCH(LengthDistribution, expected);
    QString error;
    const std::optional<LengthDistribution> d =
        LengthDistributionJson::fromJson(object, QStringLiteral("x"), &error);
    QVERIFY2(d, qPrintable(error));
    QVERIFY(*d == expected);
}

void TestLengthDistributionJson::errors_data() {
    QTest::addColumn<QJsonObject>("object");
    QTest::addColumn<QString>("message");
    QTest::addRow("no kind") << json(R"({"value":3})")
                             << QStringLiteral("field 'w.kind' is required");
    QTest::addRow("bad kind") << json(R"({"kind":"poisson"})")
                              << QStringLiteral("field 'w.kind' must be one of fixed, uniform, "
                                                "normal, lognormal, empirical; got \"poisson\"");
    QTest::addRow("fixed without value")
        << json(R"({"kind":"fixed"})") << QStringLiteral("field 'w.value' is required");
    QTest::addRow("fixed string") << json(R"({"kind":"fixed","value":"3"})")
                                  << QStringLiteral("field 'w.value' must be an integer, got "
                                                    "\"3\"");
    QTest::addRow("fixed zero") << json(R"({"kind":"fixed","value":0})")
                                << QStringLiteral("field 'w.value' must be between 1 and "
                                                  "1000000, got 0");
    QTest::addRow("uniform reversed") << json(R"({"kind":"uniform","min":9,"max":3})")
                                      << QStringLiteral("field 'w': uniform: min 9 is above max "
                                                        "3");
    QTest::addRow("normal no sd") << json(R"({"kind":"normal","mean":3})")
                                  << QStringLiteral("field 'w.sd' is required");
    QTest::addRow("lognormal sigma") << json(R"({"kind":"lognormal","median":3,"sigma":5})")
                                     << QStringLiteral("field 'w.sigma' must be between 0 and "
                                                       "4, got 5");
    QTest::addRow("unknown field") << json(R"({"kind":"fixed","value":3,"mean":4})")
                                   << QStringLiteral("unknown field 'w.mean'");
    QTest::addRow("empirical empty") << json(R"({"kind":"empirical"})")
                                     << QStringLiteral("field 'w': empirical: no observed lengths "
                                                       "and no file to take them from");
    QTest::addRow("empirical bad value") << json(R"({"kind":"empirical","values":[1,2.5]})")
                                         << QStringLiteral("field 'w.values[1]' must be an "
                                                           "integer, got 2.5");
}

void TestLengthDistributionJson::errors() {
    QFETCH(QJsonObject, object);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!LengthDistributionJson::fromJson(object, QStringLiteral("w"), &error));
    QCOMPARE(error, message);
}

QTEST_GUILESS_MAIN(TestLengthDistributionJson)
#include "tst_lengthdistributionjson.moc"

#include "profile/profile.h"
#include "profile/profileio.h"
#include "profile/profilevalidator.h"
#include "profile/untilstablejson.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

// The plan's "until_stable" object (issue 13): read with bounds and named fields, written
// only when on, and checked by the validator for settings made in code (GUI, CLI).
class TestUntilStableJson : public QObject {
    Q_OBJECT
private:
    static bool read(const char* json, SweepPlan::UntilStable* out, QString* error) {
        const QJsonObject object = QJsonDocument::fromJson(json).object();
        return UntilStableJson::fromJson(object, QStringLiteral("plan.until_stable"), out, error);
    }
    static bool hasIssue(const Profile& profile, const QString& field) {
        for (const ValidationIssue& issue : ProfileValidator::validate(profile))
            if (issue.field == field)
                return true;
        return false;
    }

private Q_SLOTS:
    void emptyObjectSwitchesTheModeOnWithDefaults() {
        SweepPlan::UntilStable s;
        QString error;
        QVERIFY2(read("{}", &s, &error), qPrintable(error));
        QVERIFY(s.enabled);
        SweepPlan::UntilStable defaults;
        defaults.enabled = true;
        QCOMPARE(s, defaults);
    }

    void readsEveryField() {
        SweepPlan::UntilStable s;
        QString error;
        QVERIFY2(read(R"({"throughput_half_width": 0.03, "latency_half_width": 0.1,
                          "metric": "e2e", "stat": "p99", "min_s": 5, "max_s": 60})",
                      &s, &error),
                 qPrintable(error));
        QCOMPARE(s.throughputHalfWidth, 0.03);
        QCOMPARE(s.latencyHalfWidth, 0.1);
        QCOMPARE(s.metric, LatencyMetric::E2e);
        QCOMPARE(s.stat, LatencyStat::P99);
        QCOMPARE(s.minSeconds, 5.0);
        QCOMPARE(s.maxSeconds, 60.0);
    }

    void badValuesNameTheirField_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("zero width") << QByteArray(R"({"throughput_half_width": 0})")
                                    << QStringLiteral("plan.until_stable.throughput_half_width");
        QTest::newRow("wide") << QByteArray(R"({"latency_half_width": 2})")
                              << QStringLiteral("plan.until_stable.latency_half_width");
        QTest::newRow("metric") << QByteArray(R"({"metric": "itl"})")
                                << QStringLiteral("plan.until_stable.metric");
        QTest::newRow("stat") << QByteArray(R"({"stat": "max"})")
                              << QStringLiteral("plan.until_stable.stat");
        QTest::newRow("min above max") << QByteArray(R"({"min_s": 100, "max_s": 10})")
                                       << QStringLiteral("plan.until_stable.min_s");
        QTest::newRow("unknown") << QByteArray(R"({"max_seconds": 10})")
                                 << QStringLiteral("plan.until_stable.max_seconds");
    }
    void badValuesNameTheirField() {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        SweepPlan::UntilStable s;
        QString error;
        QVERIFY(!read(json.constData(), &s, &error));
        QVERIFY2(error.contains(field), qPrintable(error));
        QVERIFY(!s.enabled); // nothing half-read is kept
    }

    void profileRoundTripWritesItOnlyWhenOn() {
        QTemporaryDir dir;
        Profile profile = Profile::defaultProfile();
        const QString off = dir.filePath(QStringLiteral("off.json"));
        QString error;
        QVERIFY2(ProfileIo::save(profile, off, &error), qPrintable(error));
        QFile file(off);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("until_stable"));

        profile.plan.untilStable = {true, 0.04, 0.08, LatencyMetric::Tpot, LatencyStat::P50,
                                    3.0,  30.0};
        const QString on = dir.filePath(QStringLiteral("on.json"));
        QVERIFY2(ProfileIo::save(profile, on, &error), qPrintable(error));
        const auto loaded = ProfileIo::load(on, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->plan.untilStable, profile.plan.untilStable);
    }

    void validatorChecksSettingsMadeInCode() {
        Profile profile = Profile::defaultProfile();
        profile.plan.untilStable.enabled = true;
        QVERIFY(!hasIssue(profile, QStringLiteral("plan.until_stable.metric")));
        profile.plan.untilStable.metric = LatencyMetric::Queue;
        profile.plan.untilStable.throughputHalfWidth = 0.0;
        profile.plan.untilStable.minSeconds = 50.0;
        profile.plan.untilStable.maxSeconds = 20.0;
        QVERIFY(hasIssue(profile, QStringLiteral("plan.until_stable.metric")));
        QVERIFY(hasIssue(profile, QStringLiteral("plan.until_stable.throughput_half_width")));
        QVERIFY(hasIssue(profile, QStringLiteral("plan.until_stable.min_s")));
        // Off: its fields are not the plan's business.
        profile.plan.untilStable.enabled = false;
        QVERIFY(!hasIssue(profile, QStringLiteral("plan.until_stable.metric")));
        // On, with no count or duration per level: still a runnable plan.
        profile.plan.untilStable = {};
        profile.plan.untilStable.enabled = true;
        profile.plan.durationPerLevelS = 0.0;
        profile.plan.requestsPerLevel = 0;
        QVERIFY(!hasIssue(profile, QStringLiteral("plan.duration_per_level_s")));
    }
};

QTEST_GUILESS_MAIN(TestUntilStableJson)
#include "tst_untilstablejson.moc"

#include "cli/clioptions.h"
#include "profile/profileio.h"
#include "profile/shardjson.h"

#include <QJsonObject>
#include <QTest>

// Issue 15: --shard, --start-at, --level-gap and the profile's plan.shard: bounds, forms, and
// what a sharded plan refuses.
namespace {
std::optional<RunInvocation> parse(const QStringList& args, QString* error) {
    return CliOptions::parseRun(args, error);
}
} // namespace

class TestShardFlags : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void flagsSetThePlansShard() {
        QString error;
        const auto inv =
            parse({QStringLiteral("--shard"), QStringLiteral("1/4"), QStringLiteral("--start-at"),
                   QStringLiteral("2030-01-02T03:04:05Z"), QStringLiteral("--level-gap"),
                   QStringLiteral("2.5")},
                  &error);
        QVERIFY2(inv, qPrintable(error));
        const ShardSettings& shard = inv->profile.plan.shard;
        QCOMPARE(shard.index, 1);
        QCOMPARE(shard.count, 4);
        QCOMPARE(shard.startAtMs, qint64(1893553445000));
        QCOMPARE(shard.levelGapS, 2.5);
    }
    void startAtForms() {
        QString error;
        QCOMPARE(ShardJson::parseStartAt(QStringLiteral("1893553445"), &error),
                 qint64(1893553445000));
        QCOMPARE(ShardJson::parseStartAt(QStringLiteral("1893553445.25"), &error),
                 qint64(1893553445250));
        QCOMPARE(ShardJson::parseStartAt(QStringLiteral("2030-01-02T04:04:05.5+01:00"), &error),
                 qint64(1893553445500));
        QCOMPARE(ShardJson::parseStartAt(QStringLiteral("2030-01-02T03:04:05"), &error),
                 qint64(-1));
        QVERIFY2(error.contains(QLatin1String("zone")), qPrintable(error));
        QCOMPARE(ShardJson::parseStartAt(QStringLiteral("1893553445000"), &error),
                 qint64(-1)); // ms
        QCOMPARE(ShardJson::parseStartAt(QStringLiteral("1999-12-31T00:00:00Z"), &error),
                 qint64(-1));
        QCOMPARE(ShardJson::parseStartAt(QStringLiteral("tomorrow"), &error), qint64(-1));
    }
    void badFlags_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("index = count")
            << QStringList{QStringLiteral("--shard"), QStringLiteral("4/4")}
            << QStringLiteral("I below N");
        QTest::newRow("too many") << QStringList{QStringLiteral("--shard"), QStringLiteral("0/257")}
                                  << QStringLiteral("1 to 256");
        QTest::newRow("no slash") << QStringList{QStringLiteral("--shard"), QStringLiteral("3")}
                                  << QStringLiteral("I/N");
        QTest::newRow("start alone")
            << QStringList{QStringLiteral("--start-at"), QStringLiteral("1893553445")}
            << QStringLiteral("need --shard");
        QTest::newRow("negative gap")
            << QStringList{QStringLiteral("--shard"), QStringLiteral("0/2"),
                           QStringLiteral("--level-gap"), QStringLiteral("-1")}
            << QStringLiteral("0 to 3600");
        QTest::newRow("count-bound on a schedule")
            << QStringList{QStringLiteral("--shard"),    QStringLiteral("0/2"),
                           QStringLiteral("--start-at"), QStringLiteral("1893553445"),
                           QStringLiteral("-n"),         QStringLiteral("50"),
                           QStringLiteral("-c"),         QStringLiteral("4")}
            << QStringLiteral("duration-bound");
        QTest::newRow("until stable")
            << QStringList{QStringLiteral("--shard"), QStringLiteral("0/2"),
                           QStringLiteral("--until-stable")}
            << QStringLiteral("cannot be sharded");
        QTest::newRow("repeat") << QStringList{QStringLiteral("--shard"), QStringLiteral("0/2"),
                                               QStringLiteral("--repeat"), QStringLiteral("3")}
                                << QStringLiteral("plan.repeat: cannot be sharded");
    }
    void badFlags() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!parse(args, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
    void profileRoundTrip() {
        Profile profile;
        profile.plan.shard = {2, 3, 1893553445000, 4.0};
        QString error;
        const auto back = ProfileIo::fromJson(ProfileIo::toJson(profile), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->plan.shard, profile.plan.shard);
        QVERIFY(!ProfileIo::toJson(Profile{})
                     .value(QLatin1String("plan"))
                     .toObject()
                     .contains(QLatin1String("shard")));
    }
    void profileShardErrors() {
        ShardSettings shard;
        QString error;
        QVERIFY(!ShardJson::fromJson({{QStringLiteral("index"), 3}, {QStringLiteral("count"), 3}},
                                     QStringLiteral("plan.shard"), &shard, &error));
        QVERIFY2(error.contains(QLatin1String("below count")), qPrintable(error));
        error.clear();
        QVERIFY(!ShardJson::fromJson({{QStringLiteral("index"), 0}}, QStringLiteral("plan.shard"),
                                     &shard, &error));
        QVERIFY2(error.contains(QLatin1String("count")), qPrintable(error));
        error.clear();
        QVERIFY(
            !ShardJson::fromJson({{QStringLiteral("count"), 2}, {QStringLiteral("start_at"), true}},
                                 QStringLiteral("plan.shard"), &shard, &error));
        QVERIFY2(error.contains(QLatin1String("start_at")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestShardFlags)
#include "tst_shardflags.moc"

#include "profile/profileio.h"
#include "profile/profilevalidator.h"
#include "profile/workloadjson.h"
#include "workload/datasetformat.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

// The "workload" section of plateau.profile/2, and schema-1 files loading into the same
// settings (issue 16).
class TstWorkloadJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void schemaOneFileLoadsIntoTheSameSettings();
    void savedProfilesAreSchemaTwo();
    void everyFieldRoundTrips();
    void badFieldsAreNamed_data();
    void badFieldsAreNamed();
    void datasetFormatNamesAgreeWithTheReader();
    void validatorNamesWorkloadFields();
};

namespace {
WorkloadSettings everything() {
    WorkloadSettings w;
    w.kind = WorkloadSettings::Kind::Dataset;
    w.input = LengthDistribution::uniform(100, 900);
    w.output = LengthDistribution::logNormal(400, 0.6, 1, 4000);
    w.dataset = {QStringLiteral("/data/sharegpt.json"),
                 QStringLiteral("sharegpt"),
                 500,
                 true,
                 true,
                 3,
                 2000,
                 false};
    w.sharedPrefix = {true, 4, 300, 0.75};
    w.conversations = {6, 250.5};
    w.trace = {QStringLiteral("t.jsonl"), 2.0, 10.0, 70.0};
    return w;
}

std::optional<Profile> fromText(const QByteArray& text, QString* error) {
    return ProfileIo::fromJson(QJsonDocument::fromJson(text).object(), error);
}
} // namespace

void TstWorkloadJson::schemaOneFileLoadsIntoTheSameSettings() {
    // The same profile in both schemas: a v1 file is read into exactly what v2 holds.
    const QByteArray body = R"("name": "p", "plan": {"concurrencies": [1, 4]},
        "prompts": {"input_tokens": 1024, "output_tokens": 64, "calibrate": false})";
    QString error;
    const std::optional<Profile> v1 =
        fromText("{\"schema\": \"plateau.profile/1\", " + body + "}", &error);
    QVERIFY2(v1, qPrintable(error));
    const std::optional<Profile> v2 =
        fromText("{\"schema\": \"plateau.profile/2\", " + body + "}", &error);
    QVERIFY2(v2, qPrintable(error));
    QCOMPARE(*v1, *v2);
    QCOMPARE(v1->prompts.inputTokens, 1024);
    QCOMPARE(v1->prompts.outputTokens, 64);
    QCOMPARE(v1->workload, WorkloadSettings{});

    // The project's hand-written v1 test profile loads too.
    const std::optional<Profile> file =
        ProfileIo::load(QStringLiteral(PLATEAU_TEST_DATA_DIR "/handwritten.json"), &error);
    QVERIFY2(file, qPrintable(error));
    QCOMPARE(file->prompts.inputTokens, 1024);
    QCOMPARE(file->workload, WorkloadSettings{});
}

void TstWorkloadJson::savedProfilesAreSchemaTwo() {
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("p.json"));
    QVERIFY(QFile::copy(QStringLiteral(PLATEAU_TEST_DATA_DIR "/handwritten.json"), path));
    std::optional<Profile> profile = ProfileIo::load(path, &error);
    QVERIFY2(profile, qPrintable(error));
    QVERIFY2(ProfileIo::save(*profile, path, &error), qPrintable(error));
    const QByteArray bytes = ProfileIo::toBytes(*profile);
    QVERIFY(bytes.contains("\"schema\": \"plateau.profile/2\""));
    QVERIFY(bytes.contains("\"workload\""));
    const std::optional<Profile> again = ProfileIo::load(path, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(*again, *profile);
}

void TstWorkloadJson::everyFieldRoundTrips() {
    Profile profile;
    profile.workload = everything();
    QString error;
    const std::optional<Profile> back = ProfileIo::fromJson(ProfileIo::toJson(profile), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->workload, profile.workload);
    // Unset lengths stay unset (the prompts section's fixed lengths apply).
    profile.workload.input.reset();
    const std::optional<Profile> unset = ProfileIo::fromJson(ProfileIo::toJson(profile), &error);
    QVERIFY2(unset, qPrintable(error));
    QVERIFY(!unset->workload.input.has_value());
    QVERIFY(unset->workload.output.has_value());
}

void TstWorkloadJson::badFieldsAreNamed_data() {
    QTest::addColumn<QByteArray>("workload");
    QTest::addColumn<QString>("field");
    QTest::newRow("kind") << QByteArray(R"({"kind": "replay"})") << QStringLiteral("workload.kind");
    QTest::newRow("unknown") << QByteArray(R"({"turns": 3})") << QStringLiteral("workload.turns");
    QTest::newRow("input kind") << QByteArray(R"({"input": {"kind": "zipf"}})")
                                << QStringLiteral("workload.input.kind");
    QTest::newRow("input bound") << QByteArray(R"({"input": {"kind": "fixed", "value": 0}})")
                                 << QStringLiteral("workload.input.value");
    QTest::newRow("format") << QByteArray(R"({"dataset": {"format": "csv"}})")
                            << QStringLiteral("workload.dataset.format");
    QTest::newRow("sample") << QByteArray(R"({"dataset": {"sample": -1}})")
                            << QStringLiteral("workload.dataset.sample");
    QTest::newRow("sample huge") << QByteArray(R"({"dataset": {"sample": 1e12}})")
                                 << QStringLiteral("workload.dataset.sample");
    QTest::newRow("groups") << QByteArray(R"({"shared_prefix": {"groups": 0}})")
                            << QStringLiteral("workload.shared_prefix.groups");
    QTest::newRow("share") << QByteArray(R"({"shared_prefix": {"share": 1.5}})")
                           << QStringLiteral("workload.shared_prefix.share");
    QTest::newRow("turns") << QByteArray(R"({"conversations": {"turns": 100000}})")
                           << QStringLiteral("workload.conversations.turns");
    QTest::newRow("think") << QByteArray(R"({"conversations": {"think_time_ms": -1}})")
                           << QStringLiteral("workload.conversations.think_time_ms");
    QTest::newRow("speed") << QByteArray(R"({"trace": {"speed": 0}})")
                           << QStringLiteral("workload.trace.speed");
    QTest::newRow("window") << QByteArray(R"({"trace": {"window_start_s": 5, "window_end_s": 5}})")
                            << QStringLiteral("workload.trace.window_end_s");
    QTest::newRow("type") << QByteArray(R"({"trace": "t.jsonl"})")
                          << QStringLiteral("workload.trace");
}

void TstWorkloadJson::badFieldsAreNamed() {
    QFETCH(QByteArray, workload);
    QFETCH(QString, field);
    QString error;
    const std::optional<Profile> profile =
        fromText("{\"schema\": \"plateau.profile/2\", \"workload\": " + workload + "}", &error);
    QVERIFY(!profile);
    QVERIFY2(error.contains(QLatin1Char('\'') + field + QLatin1Char('\'')), qPrintable(error));
}

void TstWorkloadJson::datasetFormatNamesAgreeWithTheReader() {
    const QStringList names = WorkloadSettings::datasetFormatNames();
    for (const QString& name : names) {
        DatasetFormat format;
        QVERIFY2(DatasetFormats::fromName(name, &format), qPrintable(name));
        QCOMPARE(DatasetFormats::name(format), name);
    }
    QCOMPARE(names.size(), qsizetype(DatasetFormat::Text) + 1);
}

void TstWorkloadJson::validatorNamesWorkloadFields() {
    Profile profile = Profile::defaultProfile();
    QVERIFY(ProfileValidator::validate(profile).isEmpty());
    profile.workload.kind = WorkloadSettings::Kind::Dataset;
    profile.workload.dataset.path = QStringLiteral("/nonexistent/sharegpt.json");
    profile.workload.input = LengthDistribution::uniform(600, 500);
    const QString summary = ProfileValidator::summary(ProfileValidator::validate(profile));
    QVERIFY2(summary.contains(QLatin1String("workload.dataset.path: no such file")),
             qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("workload.input: ")), qPrintable(summary));
    profile.workload.kind = WorkloadSettings::Kind::Trace;
    QVERIFY(ProfileValidator::summary(ProfileValidator::validate(profile))
                .contains(QLatin1String("workload.trace.path: choose")));
}

QTEST_GUILESS_MAIN(TstWorkloadJson)
#include "tst_workloadjson.moc"

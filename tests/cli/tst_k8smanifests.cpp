#include "cli/k8smanifests.h"
#include "cliprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// Issue 15: `plateau-cli k8s-manifests` writes manifests that parse as YAML, hold the Indexed
// Job's fields, never the API key, and (when node and packaging/k8s/validate's modules are
// there) pass the Kubernetes API schemas.
namespace {
// YAML -> JSON through python3's yaml module (a reader independent of our writer).
std::optional<QJsonArray> parseYaml(const QString& file, QString* why) {
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys, json, yaml; "
                                 "print(json.dumps(list(yaml.safe_load_all(open(sys.argv[1])))))"),
                  file});
    if (!python.waitForFinished(20000) || python.exitCode() != 0) {
        *why = QString::fromUtf8(python.readAllStandardError());
        return std::nullopt;
    }
    return QJsonDocument::fromJson(python.readAllStandardOutput()).array();
}

bool pythonYamlAvailable() {
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), QStringLiteral("import yaml")});
    return python.waitForFinished(20000) && python.exitStatus() == QProcess::NormalExit &&
           python.exitCode() == 0;
}
} // namespace

class TestK8sManifests : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_out;

    QJsonObject only(const QString& name) {
        QString why;
        const auto docs = parseYaml(QDir(m_out).filePath(name), &why);
        if (!docs || docs->size() != 1)
            qWarning("%s: %s", qPrintable(name), qPrintable(why));
        return docs && docs->size() == 1 ? docs->at(0).toObject() : QJsonObject{};
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QFile profile(m_dir.filePath(QStringLiteral("p.json")));
        QVERIFY(profile.open(QIODevice::WriteOnly));
        const QJsonObject endpoint{
            {QStringLiteral("url"), QStringLiteral("http://vllm.default.svc:8000/v1")},
            {QStringLiteral("model"), QStringLiteral("m")},
            {QStringLiteral("api_key"), QStringLiteral("${env:VLLM_KEY}")}};
        const QJsonObject plan{{QStringLiteral("concurrencies"), QJsonArray{8, 16}},
                               {QStringLiteral("duration_per_level_s"), 30}};
        profile.write(
            QJsonDocument(
                QJsonObject{{QStringLiteral("schema"), QStringLiteral("plateau.profile/2")},
                            {QStringLiteral("name"), QStringLiteral("k8s \"quoted\"\nname")},
                            {QStringLiteral("endpoints"), QJsonArray{endpoint}},
                            {QStringLiteral("plan"), plan}})
                .toJson());
        profile.close();
        m_out = m_dir.filePath(QStringLiteral("k8s"));
        const CliRun run = CliProcess::run(
            {QStringLiteral("k8s-manifests"), QStringLiteral("--shards"), QStringLiteral("3"),
             profile.fileName(), QStringLiteral("--image"),
             QStringLiteral("registry.local/plateau-cli:1"), QStringLiteral("--out"), m_out},
            m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        if (!pythonYamlAvailable())
            QSKIP("python3 with its yaml module is not installed: the YAML is not parsed");
    }

    void indexedJobOfNShards() {
        const QJsonObject job = only(QStringLiteral("shards-job.yaml"));
        QCOMPARE(job.value(QLatin1String("kind")).toString(), QStringLiteral("Job"));
        const QJsonObject spec = job.value(QLatin1String("spec")).toObject();
        QCOMPARE(spec.value(QLatin1String("completionMode")).toString(), QStringLiteral("Indexed"));
        QCOMPARE(spec.value(QLatin1String("completions")).toInt(), 3);
        QCOMPARE(spec.value(QLatin1String("parallelism")).toInt(), 3);
        const QJsonObject container = spec.value(QLatin1String("template"))
                                          .toObject()
                                          .value(QLatin1String("spec"))
                                          .toObject()
                                          .value(QLatin1String("containers"))
                                          .toArray()
                                          .at(0)
                                          .toObject();
        QCOMPARE(container.value(QLatin1String("image")).toString(),
                 QStringLiteral("registry.local/plateau-cli:1"));
        const QString script = container.value(QLatin1String("args")).toArray().at(0).toString();
        QVERIFY2(script.contains(QLatin1String("--shard \"$JOB_COMPLETION_INDEX/3\"")),
                 qPrintable(script));
        QVERIFY(script.contains(QLatin1String("--start-at \"$PLATEAU_START_AT\"")));
        // The key: from the Secret, as the variable the profile names.
        bool keyFromSecret = false;
        for (const QJsonValue& env : container.value(QLatin1String("env")).toArray()) {
            const QJsonObject e = env.toObject();
            if (e.value(QLatin1String("name")).toString() == QLatin1String("VLLM_KEY"))
                keyFromSecret = e.value(QLatin1String("valueFrom"))
                                    .toObject()
                                    .contains(QLatin1String("secretKeyRef"));
        }
        QVERIFY(keyFromSecret);
    }

    void profileConfigMapRoundTrips() {
        const QJsonObject map = only(QStringLiteral("profile-configmap.yaml"));
        const QString text = map.value(QLatin1String("data"))
                                 .toObject()
                                 .value(QLatin1String("profile.json"))
                                 .toString();
        const QJsonObject profile = QJsonDocument::fromJson(text.toUtf8()).object();
        QCOMPARE(profile.value(QLatin1String("name")).toString(),
                 QStringLiteral("k8s \"quoted\"\nname"));
        QVERIFY(!profile.value(QLatin1String("plan")).toObject().contains(QLatin1String("shard")));
    }

    void mergeJobAndVolume() {
        const QJsonObject merge = only(QStringLiteral("merge-job.yaml"));
        QVERIFY(QJsonDocument(merge).toJson().contains(
            "plateau-cli merge /results/shard-*.journal.jsonl"));
        const QJsonObject pvc = only(QStringLiteral("results-pvc.yaml"));
        QCOMPARE(pvc.value(QLatin1String("spec"))
                     .toObject()
                     .value(QLatin1String("accessModes"))
                     .toArray()
                     .at(0)
                     .toString(),
                 QStringLiteral("ReadWriteMany"));
        QVERIFY(QFileInfo(QDir(m_out).filePath(QStringLiteral("apply.sh"))).isExecutable());
    }

    void noSecretInAnyFile() {
        for (const QFileInfo& file : QDir(m_out).entryInfoList(QDir::Files)) {
            QFile f(file.filePath());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("stringData"), qPrintable(file.fileName()));
        }
    }

    void validAgainstTheKubernetesSchemas() {
        // validate.sh installs the pinned node modules once into a cache (the first time takes
        // ~20 s from the npm registry), then validates; 77: no node, npm or registry.
        const QString dir = QStringLiteral(PLATEAU_K8S_VALIDATE_DIR);
        if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
            QSKIP("node is not installed: the schema validation is skipped");
        QProcess check;
        check.start(QStringLiteral("sh"),
                    {dir + QStringLiteral("/validate.sh"), QStringLiteral("--install"), m_out});
        QVERIFY(check.waitForFinished(180000));
        const QByteArray err = check.readAllStandardError();
        if (check.exitCode() == 77)
            QSKIP(err.trimmed().constData());
        QVERIFY2(check.exitCode() == 0, err.constData());
        QVERIFY(check.readAllStandardOutput().contains("5 objects valid"));
    }

    void countBoundPlansAreRefused() {
        QFile profile(m_dir.filePath(QStringLiteral("count.json")));
        QVERIFY(profile.open(QIODevice::WriteOnly));
        const QJsonObject plan{{QStringLiteral("concurrencies"), QJsonArray{4}},
                               {QStringLiteral("duration_per_level_s"), 0},
                               {QStringLiteral("requests_per_level"), 50}};
        profile.write(QJsonDocument(QJsonObject{{QStringLiteral("schema"),
                                                 QStringLiteral("plateau.profile/2")},
                                                {QStringLiteral("plan"), plan}})
                          .toJson());
        profile.close();
        const CliRun run = CliProcess::run(
            {QStringLiteral("k8s-manifests"), QStringLiteral("--shards"), QStringLiteral("2"),
             profile.fileName(), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("no"))},
            m_dir.path(), 30000);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errText().contains(QLatin1String("duration-bound")),
                 qPrintable(run.errText()));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("no"))));
    }
};

QTEST_GUILESS_MAIN(TestK8sManifests)
#include "tst_k8smanifests.moc"

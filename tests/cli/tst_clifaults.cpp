// End to end: failures. Every fault the simulator injects is recorded with its class while
// the sweep completes; an unreachable endpoint exits 3 with results kept; an endpoint that
// refuses every request exits 4; an API key never appears in any output.
#include "cliprocess.h"
#include "groundtruth.h"
#include "journalreader.h"
#include "simprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {
QJsonObject readJsonObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestCliFaults : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)); }

private Q_SLOTS:
    void everyFaultIsRecordedWithItsClass() {
        // ~28% of requests fail, under the default 50% error-rate stop rule, so the sweep
        // runs to its end. The simulator is seeded: the same faults every time.
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start({QStringLiteral("--set"), QStringLiteral("rate_429=0.06"),
                            QStringLiteral("--set"), QStringLiteral("rate_500=0.06"),
                            QStringLiteral("--set"), QStringLiteral("rate_drop=0.06"),
                            QStringLiteral("--set"), QStringLiteral("rate_error_event=0.06"),
                            QStringLiteral("--set"), QStringLiteral("rate_stall=0.04"),
                            QStringLiteral("--set"), QStringLiteral("decode_base_ms=4")},
                           &error),
                 qPrintable(error));
        const CliRun run = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("--url"), sim.baseUrl().toString(),
             QStringLiteral("-c"), QStringLiteral("4,8"), QStringLiteral("-n"),
             QStringLiteral("100"), QStringLiteral("--output-tokens"), QStringLiteral("16"),
             QStringLiteral("--input-tokens"), QStringLiteral("16"),
             QStringLiteral("--idle-timeout"), QStringLiteral("1"), QStringLiteral("--out"),
             path("faults.json"), QStringLiteral("--journal"), path("faults.jsonl")},
            m_dir.path(), 120000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject results = readJsonObject(path("faults.json"));
        const QJsonArray levels = results.value(QLatin1String("levels")).toArray();
        QCOMPARE(levels.size(), 2);
        QMap<QString, int> clientErrors;
        for (const QJsonValue& v : levels) {
            QCOMPARE(v.toObject().value(QLatin1String("requests")).toInt(), 100);
            const QJsonObject errors = v.toObject().value(QLatin1String("errors")).toObject();
            for (auto it = errors.begin(); it != errors.end(); ++it)
                clientErrors[it.key()] += it.value().toInt();
        }
        const auto truth = sim.get(QStringLiteral("/sim/requests"), &error);
        QVERIFY2(truth.has_value(), qPrintable(error));
        QMap<QString, int> simFaults;
        for (const SimRequestTruth& t : GroundTruth::parse(*truth))
            if (!t.fault.isEmpty())
                ++simFaults[t.fault];
        qInfo() << "client errors" << clientErrors << "simulator faults" << simFaults;
        // Each injected fault kind maps to exactly one error class, one for one.
        const QList<QPair<QString, QString>> mapping = {
            {QStringLiteral("429"), QStringLiteral("http_429")},
            {QStringLiteral("500"), QStringLiteral("http_5xx")},
            {QStringLiteral("drop"), QStringLiteral("reset")},
            {QStringLiteral("error_event"), QStringLiteral("stream_error_event")},
            {QStringLiteral("stall"), QStringLiteral("timeout")},
        };
        for (const auto& [fault, errorClass] : mapping) {
            QVERIFY2(simFaults.value(fault) > 0, qPrintable(fault));
            QCOMPARE(clientErrors.value(errorClass), simFaults.value(fault));
        }
        // The summary names the classes too.
        QVERIFY2(run.outText().contains(QLatin1String("http_429")), qPrintable(run.outText()));
        QCOMPARE(sim.stop(), 0);
    }
    void unreachableEndpointExits3AndKeepsResults() {
        quint16 port = 0;
        {
            QTcpServer probe; // a port that was free a moment ago and now has no listener
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const CliRun run = CliProcess::run({QStringLiteral("run"), QStringLiteral("--url"),
                                            QStringLiteral("http://127.0.0.1:%1/v1").arg(port),
                                            QStringLiteral("-c"), QStringLiteral("1,2"),
                                            QStringLiteral("-n"), QStringLiteral("4"),
                                            QStringLiteral("--out"), path("unreachable.json")},
                                           m_dir.path(), 60000);
        QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
        QVERIFY2(run.errText().contains(QLatin1String("unreachable")), qPrintable(run.errText()));
        QVERIFY2(run.errText().contains(QString::number(port)), qPrintable(run.errText()));
        const QJsonObject results = readJsonObject(path("unreachable.json"));
        QCOMPARE(results.value(QLatin1String("schema")).toString(),
                 QStringLiteral("plateau.results/1"));
        QVERIFY(QFile::exists(path("unreachable.journal.jsonl")));
    }
    void refusedRequestsExit4AndTheKeyStaysSecret() {
        const QByteArray key = "sk-e2e-secret-7f3a9c";
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start({QStringLiteral("--set"),
                            QStringLiteral("api_key=") + QString::fromLatin1(key)},
                           &error),
                 qPrintable(error));
        const QStringList common = {QStringLiteral("run"),    QStringLiteral("--url"),
                                    sim.baseUrl().toString(), QStringLiteral("-c"),
                                    QStringLiteral("2"),      QStringLiteral("-n"),
                                    QStringLiteral("4"),      QStringLiteral("--output-tokens"),
                                    QStringLiteral("4")};

        // No key: every request gets 401.
        const CliRun refused =
            CliProcess::run(common + QStringList{QStringLiteral("--out"), path("refused.json")},
                            m_dir.path(), 60000);
        QVERIFY2(refused.exitCode == 4, qPrintable(refused.describe()));
        QVERIFY2(refused.errText().contains(QLatin1String("no request succeeded")),
                 qPrintable(refused.errText()));

        // The key from the environment: works, and appears in no output or file.
        QProcessEnvironment env;
        env.insert(QStringLiteral("PLATEAU_E2E_KEY"), QString::fromLatin1(key));
        const CliRun ok = CliProcess::run(
            common + QStringList{QStringLiteral("--api-key-env"), QStringLiteral("PLATEAU_E2E_KEY"),
                                 QStringLiteral("--out"), path("keyed.json"),
                                 QStringLiteral("--csv"), path("keyed.csv")},
            m_dir.path(), 60000, env);
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.describe()));
        const QList<QByteArray> outputs = {ok.out, ok.err, readAll(path("keyed.json")),
                                           readAll(path("keyed.csv")),
                                           readAll(path("keyed.journal.jsonl"))};
        for (const QByteArray& text : outputs) {
            QVERIFY(!text.isEmpty());
            QVERIFY(!text.contains(key));
        }
        QVERIFY(readAll(path("keyed.json")).contains("PLATEAU_E2E_KEY"));

        // A variable that is not set: exit 2 before any request.
        const CliRun unset =
            CliProcess::run(common + QStringList{QStringLiteral("--api-key-env"),
                                                 QStringLiteral("PLATEAU_E2E_UNSET_VAR")},
                            m_dir.path(), 30000);
        QVERIFY2(unset.exitCode == 2, qPrintable(unset.describe()));
        QVERIFY2(unset.errText().contains(QLatin1String("PLATEAU_E2E_UNSET_VAR")),
                 qPrintable(unset.errText()));
        QCOMPARE(sim.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliFaults)
#include "tst_clifaults.moc"

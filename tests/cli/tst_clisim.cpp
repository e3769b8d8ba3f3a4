// End to end: `plateau-cli sim`, the stand-alone simulator.
#include "cliprocess.h"
#include "groundtruth.h"
#include "simprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestCliSim : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void printsItsAddressServesAndStopsOnSigterm() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start({QStringLiteral("--preset"), QStringLiteral("default")}, &error),
                 qPrintable(error));
        QCOMPARE(sim.baseUrl().host(), QStringLiteral("127.0.0.1")); // loopback unless told
        QVERIFY2(sim.banner().startsWith(
                     QLatin1String("Plateau simulator listening on http://127.0.0.1:")),
                 qPrintable(sim.banner()));
        QVERIFY2(sim.banner().contains(QLatin1String("preset default")), qPrintable(sim.banner()));
        QVERIFY2(sim.banner().contains(QStringLiteral("plateau ≈ ")), qPrintable(sim.banner()));
        const auto models = sim.get(QStringLiteral("/v1/models"), &error);
        QVERIFY2(models.has_value(), qPrintable(error));
        QVERIFY(models->object().value(QLatin1String("data")).isArray());
        const auto stats = sim.get(QStringLiteral("/sim/stats"), &error);
        QVERIFY2(stats.has_value(), qPrintable(error));
        QVERIFY(stats->object().contains(QLatin1String("max_in_flight")));
        QCOMPARE(sim.stop(), 0);
        QVERIFY(QString::fromUtf8(sim.stderrOutput()).contains(QLatin1String("Simulator stopped")));
    }
    void setOverridesTheModel() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start({QStringLiteral("--set"), QStringLiteral("model=e2e-model"),
                            QStringLiteral("--set"), QStringLiteral("max_batch=10"),
                            QStringLiteral("--set"), QStringLiteral("decode_base_ms=10"),
                            QStringLiteral("--set"), QStringLiteral("decode_per_seq_ms=0")},
                           &error),
                 qPrintable(error));
        // 10 sequences per 10 ms step: 1,000 tok/s.
        QVERIFY2(sim.banner().contains(QStringLiteral("plateau ≈ 1,000 tok/s at batch 10")),
                 qPrintable(sim.banner()));
        const auto models = sim.get(QStringLiteral("/v1/models"), &error);
        QVERIFY2(models.has_value(), qPrintable(error));
        const QJsonArray data = models->object().value(QLatin1String("data")).toArray();
        QVERIFY(!data.isEmpty());
        QCOMPARE(data.first().toObject().value(QLatin1String("id")).toString(),
                 QStringLiteral("e2e-model"));
        QCOMPARE(sim.stop(), 0);
    }
    void keyIsMaskedInTheBanner() {
        // The banner goes to terminals and CI logs: a key given with --set stays out of it.
        const QString key = QStringLiteral("sk-banner-secret-93c1");
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start({QStringLiteral("--set"), QStringLiteral("api_key=") + key,
                            QStringLiteral("--set"), QStringLiteral("model=m1")},
                           &error),
                 qPrintable(error));
        QVERIFY2(sim.banner().contains(QLatin1String("api_key=***, model=m1")),
                 qPrintable(sim.banner()));
        QVERIFY2(!sim.banner().contains(key), qPrintable(sim.banner()));
        QCOMPARE(sim.stop(), 0);
        QVERIFY(!sim.stderrOutput().contains(key.toUtf8()));
    }
    void requestLogMatchesTheGroundTruth() {
        // --request-log writes one line per finished request, the same entries as
        // GET /sim/requests; the last ones are written when the simulator stops.
        const QString log = m_dir.filePath(QStringLiteral("requests.jsonl"));
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start({QStringLiteral("--request-log"), log, QStringLiteral("--set"),
                            QStringLiteral("decode_base_ms=4"), QStringLiteral("--set"),
                            QStringLiteral("decode_per_seq_ms=0.05")},
                           &error),
                 qPrintable(error));
        const CliRun run = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("--url"), sim.baseUrl().toString(),
             QStringLiteral("-c"), QStringLiteral("3"), QStringLiteral("-n"), QStringLiteral("9"),
             QStringLiteral("--output-tokens"), QStringLiteral("8"), QStringLiteral("--quiet")},
            m_dir.path(), 60000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const auto truth = sim.get(QStringLiteral("/sim/requests"), &error);
        QVERIFY2(truth.has_value(), qPrintable(error));
        const QList<SimRequestTruth> served = GroundTruth::parse(*truth);
        QVERIFY(served.size() >= 9); // 9 measured (+ the calibration probe)
        QCOMPARE(sim.stop(), 0);
        QVERIFY2(QString::fromUtf8(sim.stderrOutput()).contains(QLatin1String("Request log: ")),
                 sim.stderrOutput().constData());

        QFile file(log);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonArray lines;
        const QList<QByteArray> raw = file.readAll().trimmed().split('\n');
        for (const QByteArray& line : raw) {
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
            QVERIFY2(parseError.error == QJsonParseError::NoError && doc.isObject(),
                     line.constData());
            lines.append(doc.object());
        }
        const QList<SimRequestTruth> logged = GroundTruth::parse(QJsonDocument(lines));
        QCOMPARE(logged.size(), served.size());
        for (int i = 0; i < logged.size(); ++i) { // both sorted by arrival
            QCOMPARE(logged.at(i).id, served.at(i).id);
            QCOMPARE(logged.at(i).tokensSent, served.at(i).tokensSent);
            QCOMPARE(logged.at(i).firstTokenNs, served.at(i).firstTokenNs);
            QCOMPARE(logged.at(i).lastTokenNs, served.at(i).lastTokenNs);
        }
    }
    void listsPresets() {
        const CliRun run = CliProcess::run(
            {QStringLiteral("sim"), QStringLiteral("--list-presets")}, m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        for (const char* preset : {"default", "small-fast", "large-slow", "overloaded"})
            QVERIFY2(run.outText().contains(QLatin1String(preset)), preset);
        QVERIFY(run.outText().contains(QLatin1String("tok/s")));
    }
    void badArgumentsExit2_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("unknown preset")
            << QStringList{QStringLiteral("--preset"), QStringLiteral("huge")};
        QTest::newRow("unknown key")
            << QStringList{QStringLiteral("--set"), QStringLiteral("warp_speed=9")};
        QTest::newRow("bad number")
            << QStringList{QStringLiteral("--set"), QStringLiteral("max_batch=many")};
        QTest::newRow("no equals")
            << QStringList{QStringLiteral("--set"), QStringLiteral("max_batch")};
        QTest::newRow("bad port") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")};
        QTest::newRow("bad host") << QStringList{QStringLiteral("--host"),
                                                 QStringLiteral("not-an-ip")};
        QTest::newRow("empty request log")
            << QStringList{QStringLiteral("--request-log"), QString()};
        QTest::newRow("missing config")
            << QStringList{QStringLiteral("--config"), QStringLiteral("/nonexistent.json")};
    }
    void badArgumentsExit2() {
        QFETCH(QStringList, args);
        const CliRun run =
            CliProcess::run(QStringList{QStringLiteral("sim")} + args, m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
        QVERIFY(run.errText().startsWith(QLatin1String("plateau-cli: ")));
        QCOMPARE(run.errText().count(QLatin1Char('\n')), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliSim)
#include "tst_clisim.moc"

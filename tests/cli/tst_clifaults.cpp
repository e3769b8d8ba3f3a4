// End to end: failures. Every fault the simulator injects is recorded with its class while
// the sweep completes; an unreachable endpoint exits 3 with results kept; an endpoint that
// refuses every request exits 4 (tst_clisecrets: keys and credentials never leak).
#include "cliprocess.h"
#include "groundtruth.h"
#include "misbehavingserver.h"
#include "profile/profileio.h"
#include "results/journalreader.h"
#include "simprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
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

// A loopback port that had a listener a moment ago and has none now: connection refused.
quint16 closedPort() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
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
                            QStringLiteral("--set"), QStringLiteral("decode_base_ms=4"),
                            QStringLiteral("--set"), QStringLiteral("decode_per_seq_ms=0.05")},
                           &error),
                 qPrintable(error));
        const CliRun run = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("--url"), sim.baseUrl().toString(),
             QStringLiteral("-c"), QStringLiteral("4,8"), QStringLiteral("-n"),
             QStringLiteral("100"), QStringLiteral("--output-tokens"), QStringLiteral("16"),
             QStringLiteral("--input-tokens"), QStringLiteral("16"),
             QStringLiteral("--idle-timeout"), QStringLiteral("1"),
             // A calibration probe (max_tokens 1) stalls before its one token, where the
             // first-token deadline (120 s by default) rules, not the idle one: bound it.
             QStringLiteral("--first-token-timeout"), QStringLiteral("5"), QStringLiteral("--out"),
             path("faults.json"), QStringLiteral("--journal"), path("faults.jsonl")},
            m_dir.path(), 120000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject results = readJsonObject(path("faults.json"));
        // The sweep ran to its end despite the faults.
        QCOMPARE(results.value(QLatin1String("stop_reason")).toString(),
                 QStringLiteral("completed"));
        const QJsonArray levels = results.value(QLatin1String("levels")).toArray();
        QCOMPARE(levels.size(), 2);
        QMap<QString, int> clientErrors;
        for (const QJsonValue& v : levels) {
            QCOMPARE(v.toObject().value(QLatin1String("requests")).toInt(), 100);
            const QJsonObject errors = v.toObject().value(QLatin1String("errors")).toObject();
            for (auto it = errors.begin(); it != errors.end(); ++it)
                clientErrors[it.key()] += it.value().toInt();
        }
        // The calibration probes are requests too: a fault there is kept with its class.
        const QJsonArray probes = results.value(QLatin1String("calibration"))
                                      .toObject()
                                      .value(QLatin1String("probes"))
                                      .toArray();
        QCOMPARE(probes.size(), 2);
        for (const QJsonValue& probe : probes) {
            const QString errorClass = probe.toObject().value(QLatin1String("error")).toString();
            if (!errorClass.isEmpty())
                ++clientErrors[errorClass];
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
        // Synthetic prompts: the calibration probe is the first attempt, and it fails.
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        const CliRun run = CliProcess::run({QStringLiteral("run"), QStringLiteral("--url"),
                                            QStringLiteral("http://127.0.0.1:%1/v1").arg(port),
                                            QStringLiteral("-c"), QStringLiteral("1,2,4"),
                                            QStringLiteral("-n"), QStringLiteral("200"),
                                            QStringLiteral("--out"), path("unreachable.json")},
                                           m_dir.path(), 60000);
        QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
        QVERIFY2(run.errText().contains(QLatin1String("unreachable")), qPrintable(run.errText()));
        QVERIFY2(run.errText().contains(QString::number(port)), qPrintable(run.errText()));
        QVERIFY2(run.errText().contains(QLatin1String("refused")), qPrintable(run.errText()));
        const QJsonObject results = readJsonObject(path("unreachable.json"));
        QCOMPARE(results.value(QLatin1String("schema")).toString(),
                 QStringLiteral("plateau.results/1"));
        QCOMPARE(results.value(QLatin1String("stop_reason")).toString(),
                 QStringLiteral("unreachable"));
        QVERIFY(QFile::exists(path("unreachable.journal.jsonl")));
    }
    void unreachableWithoutProbeStopsAfterTheFirstAttempts() {
        // Prompts from a file: no calibration probe, so the first real requests are what
        // fail. A long plan (4 levels x 200 requests) must stop after the first few
        // attempts, say why on the single error line (even with --quiet), exit 3 and keep
        // every attempt in the results.
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        QFile prompts(path("prompts.jsonl"));
        QVERIFY(prompts.open(QIODevice::WriteOnly));
        prompts.write("\"Say hello.\"\n\"Count to three.\"\n");
        prompts.close();
        Profile profile = Profile::defaultProfile();
        profile.endpoints.first().url = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port));
        profile.plan.concurrencies = {1, 2, 4, 8};
        profile.plan.requestsPerLevel = 200;
        profile.plan.durationPerLevelS = 0;
        profile.prompts.kind = PromptSource::Kind::File;
        profile.prompts.file = path("prompts.jsonl");
        profile.prompts.calibrate = false;
        QString error;
        QVERIFY2(ProfileIo::save(profile, path("unreachable-profile.json"), &error),
                 qPrintable(error));
        const CliRun run = CliProcess::run({QStringLiteral("run"), path("unreachable-profile.json"),
                                            QStringLiteral("--quiet"), QStringLiteral("--out"),
                                            path("unreachable2.json")},
                                           m_dir.path(), 60000);
        QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
        const QString err = run.errText();
        QCOMPARE(err.count(QLatin1Char('\n')), 1); // --quiet: only the verdict
        QVERIFY2(err.contains(QLatin1String("unreachable")) &&
                     err.contains(QLatin1String("refused")) && err.contains(QString::number(port)),
                 qPrintable(err));
        const QJsonObject results = readJsonObject(path("unreachable2.json"));
        QCOMPARE(results.value(QLatin1String("stop_reason")).toString(),
                 QStringLiteral("unreachable"));
        const QJsonArray requests = results.value(QLatin1String("requests")).toArray();
        // "The first attempts": a handful, not the 800 planned (the detector gives up after
        // 3 connect failures; a few more may have been in flight).
        QVERIFY2(!requests.isEmpty() && requests.size() <= 10,
                 qPrintable(QString::number(requests.size())));
        for (const QJsonValue& v : requests)
            QCOMPARE(v.toObject().value(QLatin1String("error")).toString(),
                     QStringLiteral("connect"));
        QVERIFY(results.value(QLatin1String("levels")).toArray().size() <= 1);
        QVERIFY(QFile::exists(path("unreachable2.journal.jsonl")));
    }
    void hostileServerTextIsEscapedAndSecretsMasked() {
        // The server's 401 body carries terminal escape sequences and echoes the URL with its
        // credentials: the terminal gets neither the escapes (shown as \x1b ...) nor a secret;
        // the results keep the text escaped; the server did get Basic authentication.
        MisbehavingServer server;
        QVERIFY(server.listen());
        QUrl url = server.baseUrl();
        url.setPath(QStringLiteral("/v1"));
        url.setUserName(QStringLiteral("bob"));
        url.setPassword(QStringLiteral("pw-7Hq2-secret"));
        url.setQuery(QStringLiteral("token=TOK-9fZ1-secret"));
        const QByteArray body =
            "{\"error\":{\"message\":\"\\u001b]0;owned\\u0007\\u001b[2J denied for " +
            url.toString().toUtf8() + " (key pw-7Hq2-secret)\"}}";
        server.setScript({MisbehavingServer::Action::send(
            MisbehavingServer::errorResponse(401, "Unauthorized", body))});
        QProcess process;
        process.setProcessEnvironment(CliProcess::environment(m_dir.path()));
        process.start(CliProcess::program(),
                      {QStringLiteral("run"), QStringLiteral("--url"), url.toString(),
                       QStringLiteral("-c"), QStringLiteral("1"), QStringLiteral("-n"),
                       QStringLiteral("2"), QStringLiteral("--out"), path("hostile.json")});
        QVERIFY(process.waitForStarted(10000));
        // The server lives on this thread: spin the event loop until the run is over.
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 60000);
        const QByteArray err = process.readAllStandardError();
        const QByteArray out = process.readAllStandardOutput();
        QCOMPARE(process.exitCode(), 4);
        QVERIFY(server.requestsSeen() >= 2);
        const QByteArray basic = "Basic " + QByteArray("bob:pw-7Hq2-secret").toBase64();
        const QByteArray header = "Authorization: " + basic;
        QVERIFY(server.lastRawRequest().contains(header));
        const QByteArray results = readAll(path("hostile.json"));
        const QByteArray journal = readAll(path("hostile.journal.jsonl"));
        for (const QByteArray& text : {err, out, results, journal}) {
            QVERIFY2(!text.contains('\x1b') && !text.contains('\x07'), text.constData());
            QVERIFY2(!text.contains("\\u001b") && !text.contains("\\u0007"), text.constData());
            QVERIFY2(!text.contains("pw-7Hq2") && !text.contains("TOK-9fZ1"), text.constData());
        }
        QVERIFY2(err.contains("\\x1b]0;owned\\x07"), err.constData());
        const QJsonArray requests =
            readJsonObject(path("hostile.json")).value(QLatin1String("requests")).toArray();
        QVERIFY(!requests.isEmpty());
        const QString message =
            requests.first().toObject().value(QLatin1String("error_message")).toString();
        QVERIFY2(message.contains(QLatin1String("\\x1b[2J denied for http://***@127.0.0.1")),
                 qPrintable(message));
    }
    void hostileArgumentsAreRefusedEarly_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("variable"); // set in the environment for the run
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("says");
        const QString key = QStringLiteral("PLATEAU_E2E_HOSTILE_KEY");
        const QStringList withKey = {QStringLiteral("run"), QStringLiteral("--url"),
                                     QStringLiteral("http://127.0.0.1:9/v1"),
                                     QStringLiteral("--api-key-env"), key};
        QTest::newRow("unknown preset")
            << QStringList{QStringLiteral("run"), QStringLiteral("--url"),
                           QStringLiteral("sim:nope")}
            << QString() << QString() << QStringLiteral("unknown simulator preset \"nope\"");
        QTest::newRow("empty key variable")
            << withKey << key << QString() << QStringLiteral("is set but empty");
        QTest::newRow("line break in the key")
            << withKey << key << QStringLiteral("sk-hostile-5d2c\r\nX-Injected: 1")
            << QStringLiteral("the API key in $PLATEAU_E2E_HOSTILE_KEY contains a line break");
        QTest::newRow("line break in a header")
            << QStringList{QStringLiteral("run"), QStringLiteral("-H"),
                           QStringLiteral("X-Trace: 1\nX-Injected: 1")}
            << QString() << QString() << QStringLiteral("X-Trace contains a line break");
        QTest::newRow("too many client threads")
            << QStringList{QStringLiteral("run"), QStringLiteral("--client-threads"),
                           QStringLiteral("100000")}
            << QString() << QString() << QStringLiteral("must be at most 64");
    }
    void hostileArgumentsAreRefusedEarly() {
        QFETCH(QStringList, args);
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QString, says);
        QProcessEnvironment env;
        if (!variable.isEmpty())
            env.insert(variable, value);
        const CliRun run = CliProcess::run(args, m_dir.path(), 30000, env);
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
        QVERIFY2(run.errText().contains(says), qPrintable(run.errText()));
        QCOMPARE(run.errText().count(QLatin1Char('\n')), 1);
        QVERIFY2(!run.err.contains("sk-hostile") && !run.err.contains('\r'), run.err.constData());
    }
    void noticesAreEscapedToo() {
        // A notice quoting a name with an escape sequence in it (here the prompt file's)
        // reaches the terminal escaped, like every error line.
        const QString name = path("\x1b[31mred\x07.jsonl");
        QFile prompts(name);
        QVERIFY(prompts.open(QIODevice::WriteOnly));
        prompts.write("not json\n");
        prompts.close();
        const CliRun run =
            CliProcess::run({QStringLiteral("run"), QStringLiteral("--prompts"), name,
                             QStringLiteral("-c"), QStringLiteral("1"), QStringLiteral("-n"),
                             QStringLiteral("1"), QStringLiteral("--out"), path("notice.json")},
                            m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
        QVERIFY2(!run.err.contains('\x1b') && !run.err.contains('\x07'), run.err.constData());
        QVERIFY2(run.err.contains("\\x1b[31mred\\x07.jsonl"), run.err.constData());
    }
    void unknownPresetIsRefusedByValidateToo() {
        Profile profile = Profile::defaultProfile();
        profile.endpoints.first().url = QUrl(QStringLiteral("sim:nope"));
        QString error;
        QVERIFY2(ProfileIo::save(profile, path("nope.json"), &error), qPrintable(error));
        const CliRun run =
            CliProcess::run({QStringLiteral("validate"), path("nope.json")}, m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
        QVERIFY2(run.errText().contains(QLatin1String("endpoints[0].url: unknown simulator "
                                                      "preset \"nope\"")),
                 qPrintable(run.errText()));
    }
};

QTEST_GUILESS_MAIN(TestCliFaults)
#include "tst_clifaults.moc"

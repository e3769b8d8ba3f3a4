// End to end: failures. Every fault the simulator injects is recorded with its class while
// the sweep completes; an unreachable endpoint exits 3 with results kept; an endpoint that
// refuses every request exits 4; an API key never appears in any output.
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
    void keyEchoedByTheServerIsMasked() {
        // Some servers quote the credential they refused ("Incorrect API key provided:
        // sk-..."). This one echoes the whole Authorization header in its 401 body: the
        // error messages must carry it masked, everywhere.
        const QByteArray key = "sk-plateau-ECHOED-a1b2c3d4";
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        int answered = 0;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, socket, [socket, &answered] {
                    const QByteArray request =
                        socket->property("req").toByteArray() + socket->readAll();
                    socket->setProperty("req", request);
                    const qsizetype end = request.indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    QByteArray auth;
                    qsizetype length = 0;
                    const QList<QByteArray> lines = request.left(end).split('\n');
                    for (const QByteArray& line : lines) {
                        const QByteArray lower = line.toLower();
                        if (lower.startsWith("authorization:"))
                            auth = line.mid(14).trimmed();
                        if (lower.startsWith("content-length:"))
                            length = line.mid(15).trimmed().toLongLong();
                    }
                    if (request.size() < end + 4 + length)
                        return; // the body is still on its way
                    const QByteArray body =
                        "{\"error\":{\"message\":\"Incorrect API key provided: " + auth +
                        "\",\"type\":\"invalid_request_error\"}}";
                    socket->write("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
                                  "Connection: close\r\nContent-Length: " +
                                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
                    socket->disconnectFromHost();
                    ++answered;
                });
            }
        });
        QProcess process;
        QProcessEnvironment env = CliProcess::environment(m_dir.path());
        env.insert(QStringLiteral("PLATEAU_E2E_ECHO_KEY"), QString::fromLatin1(key));
        process.setProcessEnvironment(env);
        process.start(CliProcess::program(),
                      {QStringLiteral("run"), QStringLiteral("--url"),
                       QStringLiteral("http://127.0.0.1:%1/v1").arg(server.serverPort()),
                       QStringLiteral("--api-key-env"), QStringLiteral("PLATEAU_E2E_ECHO_KEY"),
                       QStringLiteral("-c"), QStringLiteral("1"), QStringLiteral("-n"),
                       QStringLiteral("3"), QStringLiteral("--out"), path("echo.json"),
                       QStringLiteral("--csv"), path("echo.csv")});
        QVERIFY(process.waitForStarted(10000));
        // The server lives on this thread: spin the event loop until the run is over.
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 60000);
        QCOMPARE(process.exitCode(), 4);
        QVERIFY(answered >= 3);
        const QJsonArray requests =
            readJsonObject(path("echo.json")).value(QLatin1String("requests")).toArray();
        QCOMPARE(requests.size(), 3);
        // The server's message is kept (it is the useful part), the key is not.
        QVERIFY2(requests.first()
                     .toObject()
                     .value(QLatin1String("error_message"))
                     .toString()
                     .contains(QLatin1String("Incorrect API key provided: Bearer ***")),
                 qPrintable(
                     requests.first().toObject().value(QLatin1String("error_message")).toString()));
        const QList<QPair<const char*, QByteArray>> outputs = {
            {"stdout", process.readAllStandardOutput()},
            {"stderr", process.readAllStandardError()},
            {"results", readAll(path("echo.json"))},
            {"csv", readAll(path("echo.csv"))},
            {"journal", readAll(path("echo.journal.jsonl"))}};
        for (const auto& [name, text] : outputs) {
            QVERIFY2(!text.isEmpty(), name);
            QVERIFY2(!text.contains("a1b2c3d4"), name);
        }
    }
    void wrongKeyGets401AndNoKeyLeaks() {
        // The simulator wants one key, the client sends another (from the environment):
        // every request is a 401, recorded as http_4xx, exit 4, and neither key appears in
        // any output, file or error message.
        const QByteArray serverKey = "sk-plateau-SERVER-5b1e77d0";
        const QByteArray clientKey = "sk-plateau-CLIENT-c0ffee42";
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start({QStringLiteral("--set"),
                            QStringLiteral("api_key=") + QString::fromLatin1(serverKey),
                            QStringLiteral("--set"), QStringLiteral("decode_base_ms=4")},
                           &error),
                 qPrintable(error));
        QProcessEnvironment env;
        env.insert(QStringLiteral("PLATEAU_E2E_WRONG_KEY"), QString::fromLatin1(clientKey));
        const CliRun run = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("--url"), sim.baseUrl().toString(),
             QStringLiteral("--api-key-env"), QStringLiteral("PLATEAU_E2E_WRONG_KEY"),
             QStringLiteral("-c"), QStringLiteral("2"), QStringLiteral("-n"), QStringLiteral("4"),
             QStringLiteral("--output-tokens"), QStringLiteral("4"), QStringLiteral("--out"),
             path("wrongkey.json"), QStringLiteral("--csv"), path("wrongkey.csv"),
             QStringLiteral("--vllm-json"), path("wrongkey-vllm.json")},
            m_dir.path(), 60000, env);
        QVERIFY2(run.exitCode == 4, qPrintable(run.describe()));
        const QJsonObject results = readJsonObject(path("wrongkey.json"));
        const QJsonArray requests = results.value(QLatin1String("requests")).toArray();
        QCOMPARE(requests.size(), 4);
        for (const QJsonValue& v : requests) {
            const QJsonObject r = v.toObject();
            QCOMPARE(r.value(QLatin1String("error")).toString(), QStringLiteral("http_4xx"));
            QVERIFY(!r.value(QLatin1String("error_message")).toString().isEmpty());
        }
        const QList<QPair<const char*, QByteArray>> outputs = {
            {"stdout", run.out},
            {"stderr", run.err},
            {"results", readAll(path("wrongkey.json"))},
            {"csv", readAll(path("wrongkey.csv"))},
            {"vllm", readAll(path("wrongkey-vllm.json"))},
            {"journal", readAll(path("wrongkey.journal.jsonl"))}};
        for (const auto& [name, text] : outputs) {
            QVERIFY2(!text.isEmpty(), name);
            QVERIFY2(!text.contains(clientKey), name);
            QVERIFY2(!text.contains(serverKey), name);
            // Not even a recognisable part of it.
            QVERIFY2(!text.contains("c0ffee42"), name);
        }
        // The simulator did see (and refuse) the requests: the 401 came from it.
        const auto truth = sim.get(QStringLiteral("/sim/requests"), &error);
        QVERIFY2(truth.has_value(), qPrintable(error));
        int unauthorized = 0;
        for (const SimRequestTruth& t : GroundTruth::parse(*truth))
            unauthorized += t.fault == QLatin1String("unauthorized") ? 1 : 0;
        QVERIFY(unauthorized >= 4);
        QCOMPARE(sim.stop(), 0);
    }
    void urlCredentialsStayOutOfEveryFile() {
        // http://user:pass@host/...?api-key=...: sent (Basic authentication; the query as
        // given), and masked in the results (endpoint_url, the profile copy), the journal,
        // the CSV and on the terminal.
        const QByteArray password = "PASSWORD-u8x2-never-written";
        const QByteArray querySecret = "QUERY-SECRET-k4q9-never-written";
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start({}, &error), qPrintable(error));
        QUrl url = sim.baseUrl();
        url.setPath(QStringLiteral("/v1"));
        url.setUserName(QStringLiteral("alice"));
        url.setPassword(QString::fromLatin1(password));
        url.setQuery(QStringLiteral("api-key=") + QString::fromLatin1(querySecret) +
                     QStringLiteral("&x=1"));
        const CliRun run = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("--url"), url.toString(), QStringLiteral("-c"),
             QStringLiteral("1"), QStringLiteral("-n"), QStringLiteral("2"),
             QStringLiteral("--output-tokens"), QStringLiteral("4"), QStringLiteral("--out"),
             path("creds.json"), QStringLiteral("--csv"), path("creds.csv")},
            m_dir.path(), 60000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QList<QPair<const char*, QByteArray>> outputs = {
            {"stdout", run.out},
            {"stderr", run.err},
            {"results", readAll(path("creds.json"))},
            {"csv", readAll(path("creds.csv"))},
            {"journal", readAll(path("creds.journal.jsonl"))}};
        for (const auto& [name, text] : outputs) {
            QVERIFY2(!text.contains(password), name);
            QVERIFY2(!text.contains(querySecret), name);
            QVERIFY2(!text.contains("alice:"), name);
        }
        const QJsonObject results = readJsonObject(path("creds.json"));
        QCOMPARE(
            results.value(QLatin1String("endpoint_url")).toString(),
            QStringLiteral("http://***@127.0.0.1:%1/v1?api-key=***&x=1").arg(sim.baseUrl().port()));
        QVERIFY(readAll(path("creds.json")).contains("***@127.0.0.1")); // the profile copy
        QVERIFY(readAll(path("creds.journal.jsonl")).contains("***@127.0.0.1"));
        QCOMPARE(sim.stop(), 0);
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
    void validateShowsTheUrlMasked() {
        Profile profile = Profile::defaultProfile();
        profile.endpoints.first().url =
            QUrl(QStringLiteral("https://alice:validate-pw-31@api.example/v1?key=validate-k-77"));
        // Written by hand, as a user might: ProfileIo::save refuses URL credentials.
        QFile file(path("masked.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(ProfileIo::toBytes(profile));
        file.close();
        const CliRun run =
            CliProcess::run({QStringLiteral("validate"), path("masked.json")}, m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(run.outText().contains(QLatin1String("https://***@api.example/v1?key=***")),
                 qPrintable(run.outText()));
        QVERIFY(!run.out.contains("validate-pw-31") && !run.out.contains("validate-k-77"));
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

// Secrets under hostile conditions (issue 10), end to end: a refused or wrong key, a key a
// server echoes back, credentials in a URL — never in a file, a log or the terminal.
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
} // namespace

class TestCliSecrets : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)); }

private Q_SLOTS:
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
};

QTEST_GUILESS_MAIN(TestCliSecrets)
#include "tst_clisecrets.moc"

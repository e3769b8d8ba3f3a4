// RunCommand::exitCodeFor: the verdict of a finished run (exit code and the one line that
// explains it), from its records, its stop reason and the runner's stop detail.
#include "cli/exitcode.h"
#include "cli/runcommand.h"

#include <QTest>

namespace {
RequestRecord record(const QString& error, const QString& message = QString()) {
    RequestRecord r;
    r.error = error;
    r.errorMessage = message;
    return r;
}
} // namespace

class TestRunCommand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void exitCodeFor_data() {
        QTest::addColumn<QStringList>("errors"); // one record each; "" = success
        QTest::addColumn<QString>("stopReason");
        QTest::addColumn<bool>("interrupted");
        QTest::addColumn<QString>("detail"); // RunResult::stopDetail
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions"); // in the message; "" = no message at all
        QTest::addColumn<int>("probes");       // calibration probes that failed to connect
        const QString none;
        QTest::newRow("all good") << QStringList{none, none} << QStringLiteral("completed") << false
                                  << none << ExitCode::Ok << none << 0;
        QTest::newRow("some faults still ok")
            << QStringList{none, QStringLiteral("http_5xx"), QStringLiteral("reset")}
            << QStringLiteral("completed") << false << none << ExitCode::Ok << none << 0;
        QTest::newRow("probe refused, no records")
            << QStringList{} << QStringLiteral("unreachable") << false
            << QStringLiteral("connection refused at 127.0.0.1:9") << ExitCode::Unreachable
            << QStringLiteral("connection refused at 127.0.0.1:9") << 0;
        QTest::newRow("probes refused")
            << QStringList{} << QStringLiteral("unreachable") << false
            << QStringLiteral("connection refused at 127.0.0.1:9") << ExitCode::Unreachable
            << QStringLiteral("0 request(s) and 2 calibration probe(s)") << 2;
        QTest::newRow("connect failures only")
            << QStringList{QStringLiteral("connect"), QStringLiteral("connect")}
            << QStringLiteral("completed") << false << none << ExitCode::Unreachable
            << QStringLiteral("connect: boom") << 0;
        QTest::newRow("unreachable wins over interrupted")
            << QStringList{QStringLiteral("connect")} << QStringLiteral("cancelled") << true << none
            << ExitCode::Unreachable << QStringLiteral("unreachable") << 0;
        QTest::newRow("every request refused")
            << QStringList{QStringLiteral("http_4xx"), QStringLiteral("http_4xx")}
            << QStringLiteral("completed") << false << none << ExitCode::AllFailed
            << QStringLiteral("no request succeeded") << 0;
        QTest::newRow("interrupted")
            << QStringList{none, QStringLiteral("cancelled")} << QStringLiteral("cancelled") << true
            << none << ExitCode::Interrupted << none << 0;
        // An interleaved side the runner refused (B's settings) after A measured a level.
        QTest::newRow("refused: its settings")
            << QStringList{} << QStringLiteral("invalid_profile") << false
            << QStringLiteral("invalid profile: endpoints[0].url: unknown simulator preset")
            << ExitCode::Usage << QStringLiteral("unknown simulator preset") << 0;
        QTest::newRow("refused: its journal")
            << QStringList{none} << QStringLiteral("error") << false
            << QStringLiteral("cannot open the journal") << ExitCode::Failure
            << QStringLiteral("run failed: cannot open the journal") << 0;
        QTest::newRow("cancelled only is not a failure")
            << QStringList{QStringLiteral("cancelled")} << QStringLiteral("cancelled") << true
            << none << ExitCode::Interrupted << none << 0;
    }
    void exitCodeFor() {
        QFETCH(QStringList, errors);
        QFETCH(QString, stopReason);
        QFETCH(bool, interrupted);
        QFETCH(QString, detail);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        QFETCH(int, probes);
        RunResult result;
        for (int i = 0; i < probes; ++i)
            result.calibration.probes.append(
                record(QStringLiteral("connect"), QStringLiteral("refused")));
        result.endpointUrl = QStringLiteral("http://127.0.0.1:9/v1");
        result.stopReason = StopReasons::fromKey(stopReason);
        result.stopDetail = detail;
        for (const QString& error : std::as_const(errors))
            result.records.append(
                record(error, error.isEmpty() ? QString() : QStringLiteral("boom")));
        QString message;
        QCOMPARE(RunCommand::exitCodeFor(result, interrupted, &message), code);
        if (mentions.isEmpty()) {
            QVERIFY2(message.isEmpty(), qPrintable(message));
        } else {
            QVERIFY2(message.contains(mentions), qPrintable(message));
            QVERIFY(!message.contains(QLatin1Char('\n')));
        }
        if (code == ExitCode::Unreachable) {
            QVERIFY2(message.contains(result.endpointUrl), qPrintable(message));
            QVERIFY2(message.contains(QLatin1String("kept")), qPrintable(message));
        }
    }
    void routeOfAnotherApi_data() {
        QTest::addColumn<QString>("flavor");
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("hint"); // "" = none
        const QString chat = QStringLiteral("openai-chat");
        QTest::newRow("messages URL, chat")
            << chat << QStringLiteral("http://127.0.0.1:9/v1/messages") << 404
            << QStringLiteral("; the requests went to http://127.0.0.1:9/v1/messages/v1/chat/"
                              "completions: for the URL given, try --api anthropic");
        QTest::newRow("chat URL, responses")
            << QStringLiteral("openai-responses")
            << QStringLiteral("http://127.0.0.1:9/v1/chat/completions") << 404
            << QStringLiteral("try --api openai-chat");
        QTest::newRow("the flavor's own URL")
            << chat << QStringLiteral("http://127.0.0.1:9/v1") << 404 << QString();
        QTest::newRow("not a 404")
            << chat << QStringLiteral("http://127.0.0.1:9/v1/messages") << 500 << QString();
    }
    void routeOfAnotherApi() {
        // llama.cpp answers a bare 404 "File Not Found" to a route it does not serve.
        QFETCH(QString, flavor);
        QFETCH(QString, url);
        QFETCH(int, status);
        QFETCH(QString, hint);
        RunResult result;
        EndpointConfig endpoint;
        endpoint.url = QUrl(url);
        endpoint.flavor = flavor;
        result.profile.endpoints = {endpoint};
        RequestRecord failed =
            record(status == 404 ? QStringLiteral("http_4xx") : QStringLiteral("http_5xx"),
                   QStringLiteral("HTTP 404: File Not Found"));
        failed.httpStatus = status;
        result.records.append(failed);
        QString message;
        QCOMPARE(RunCommand::exitCodeFor(result, false, &message), ExitCode::AllFailed);
        QVERIFY2(hint.isEmpty() ? !message.contains(u"try --api") : message.endsWith(hint),
                 qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestRunCommand)
#include "tst_runcommand.moc"

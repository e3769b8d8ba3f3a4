#include "models/runcollection.h"
#include "run/runcontroller.h"
#include "sim/simulatorthread.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// What the desktop app keeps of a run: the profile copy shown with the results (and saved
// with them) never holds the credentials a URL carried.
class TstRunController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void urlCredentialsStayOutOfTheRunsCopy();
};

void TstRunController::urlCredentialsStayOutOfTheRunsCopy() {
    SimulatorThread sim{SimConfig{}};
    QString error;
    QVERIFY2(sim.start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    Profile profile = Profile::defaultProfile();
    QUrl url = sim.baseUrl();
    url.setUserName(u"alice"_s);
    url.setPassword(u"gui-secret-pw"_s);
    url.setQuery(u"api-key=gui-query-secret"_s);
    profile.endpoints.first().url = url;
    profile.plan.concurrencies = {1};
    profile.plan.requestsPerLevel = 2;
    profile.plan.durationPerLevelS = 0;
    profile.prompts.outputTokens = 4;
    profile.prompts.calibrate = false;

    RunCollection runs;
    RunController controller(&runs);
    QSignalSpy finished(&controller, &RunController::runFinished);
    controller.start(profile);
    QVERIFY(finished.wait(60000));
    const int id = finished.first().at(0).toInt();
    const RunResult result = finished.first().at(1).value<RunResult>();
    for (const RunResult& kept : {result, runs.run(id)->result}) {
        const QString shown = kept.profile.endpoint().url.toString();
        QVERIFY2(!shown.contains(u"gui-secret-pw"_s) && !shown.contains(u"gui-query-secret"_s),
                 qPrintable(shown));
        QVERIFY2(shown.contains(u"***@"_s), qPrintable(shown));
        QVERIFY2(!kept.endpointUrl.contains(u"gui-secret-pw"_s), qPrintable(kept.endpointUrl));
    }
    QVERIFY2(result.records.size() >= 2, qPrintable(StopReasons::key(result.stopReason)));
    QVERIFY(result.records.first().ok()); // the credentials were sent, the run went on
}

QTEST_MAIN(TstRunController)
#include "tst_runcontroller.moc"

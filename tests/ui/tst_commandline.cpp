#include "profile/profile.h"
#include "profile/profileio.h"

#include <QDirIterator>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// The real `plateau` binary, started the way a person or a script starts it: with a
// profile on the command line it runs THAT profile (its journal records it), and a
// malformed option is refused with a message and exit code 2.
class TstCommandLine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void profileArgumentIsOpenedAndRun();
    void badOptionIsRefused();

private:
    QProcessEnvironment environment(const QTemporaryDir& dir) const;
};

QProcessEnvironment TstCommandLine::environment(const QTemporaryDir& dir) const {
    // Private settings and data: the run's journal lands in the temporary directory.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"data"_s));
    env.insert(u"XDG_CACHE_HOME"_s, dir.filePath(u"cache"_s));
    return env;
}

void TstCommandLine::profileArgumentIsOpenedAndRun() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Profile profile = Profile::defaultProfile();
    profile.name = u"From the command line"_s;
    profile.plan.concurrencies = {3};
    profile.plan.durationPerLevelS = 1.0;
    profile.prompts.inputTokens = 32;
    profile.prompts.outputTokens = 16;
    const QString profilePath = dir.filePath(u"cmdline.json"_s);
    QString error;
    QVERIFY2(ProfileIo::save(profile, profilePath, &error), qPrintable(error));

    const QString shot = dir.filePath(u"after.png"_s);
    QProcess app;
    app.setProcessEnvironment(environment(dir));
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.start(QStringLiteral(PLATEAU_APP_PATH),
              {u"--start"_s, u"--window-size"_s, u"1024x640"_s, u"--screenshot-when-finished"_s,
               shot, u"--quit-after-screenshots"_s, profilePath});
    QVERIFY(app.waitForStarted(10000));
    QVERIFY2(app.waitForFinished(90000), "plateau did not finish its one-level sweep");
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.exitCode(), 0);

    const QImage image(shot);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1024, 640)); // the window at --window-size (scale 1)

    // The journal of the run names the profile that was run: the one given on the line.
    QStringList journals;
    QDirIterator it(dir.filePath(u"data"_s), {u"*.jsonl"_s}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        journals << it.next();
    QCOMPARE(journals.size(), 1);
    QFile journal(journals.first());
    QVERIFY(journal.open(QIODevice::ReadOnly));
    const QByteArray firstLine = journal.readLine();
    const QJsonObject start = QJsonDocument::fromJson(firstLine).object();
    const QJsonObject ran = start.value(u"profile"_s).toObject();
    QCOMPARE(ran.value(u"name"_s).toString(), profile.name);
    QVERIFY2(
        QString::fromUtf8(QJsonDocument(ran).toJson(QJsonDocument::Compact)).contains(u"[3]"_s),
        firstLine.constData());
}

void TstCommandLine::badOptionIsRefused() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess app;
    app.setProcessEnvironment(environment(dir));
    app.start(QStringLiteral(PLATEAU_APP_PATH), {u"--window-size"_s, u"wide"_s});
    QVERIFY(app.waitForFinished(30000));
    QCOMPARE(app.exitCode(), 2);
    const QString err = QString::fromUtf8(app.readAllStandardError());
    QVERIFY2(err.contains(u"--window-size expects WIDTHxHEIGHT"_s), qPrintable(err));
}

QTEST_GUILESS_MAIN(TstCommandLine)
#include "tst_commandline.moc"

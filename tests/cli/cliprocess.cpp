#include "cliprocess.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

QString CliRun::describe() const {
    return QStringLiteral("started %1, timed out %2, exit %3\nstdout:\n%4\nstderr:\n%5")
        .arg(started)
        .arg(timedOut)
        .arg(exitCode)
        .arg(outText().right(3000), errText().right(3000));
}

QString CliProcess::program() {
    return QStringLiteral(PLATEAU_CLI_PATH);
}

QProcessEnvironment CliProcess::environment(const QString& cacheDir) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheDir);
    return env;
}

int CliProcess::journalRequests(const QString& path) {
    return journalLines(path, "request");
}

int CliProcess::journalLines(const QString& path, const char* type, int level) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    int count = 0;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray& line : lines) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        const int lineLevel = o.contains(QLatin1String("level"))
                                  ? o.value(QLatin1String("level")).toInt(-2)
                                  : o.value(QLatin1String("index")).toInt(-2);
        if (o.value(QLatin1String("type")).toString() == QLatin1String(type) &&
            (level < 0 || lineLevel == level))
            ++count;
    }
    return count;
}

CliRun CliProcess::run(const QStringList& args, const QString& cacheDir, int timeoutMs,
                       const QProcessEnvironment& extraEnv, const QString& workingDirectory,
                       const std::function<void()>& childModifier) {
    CliRun result;
    QProcess process;
    QProcessEnvironment env = environment(cacheDir);
    const QStringList extraKeys = extraEnv.keys();
    for (const QString& key : extraKeys)
        env.insert(key, extraEnv.value(key));
    process.setProcessEnvironment(env);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    if (childModifier)
        process.setChildProcessModifier(childModifier);
    process.start(program(), args);
    result.started = process.waitForStarted(10000);
    if (!result.started)
        return result;
    if (!process.waitForFinished(timeoutMs)) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished(5000);
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    if (!result.timedOut && process.exitStatus() == QProcess::NormalExit)
        result.exitCode = process.exitCode();
    return result;
}

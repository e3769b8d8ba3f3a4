#include "cliprocess.h"

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

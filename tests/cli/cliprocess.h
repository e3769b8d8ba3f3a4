#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <functional>

// Runs the real plateau-cli binary (PLATEAU_CLI_PATH) to completion, bounded in time.
// Every run gets XDG_CACHE_HOME pointed at a directory the test owns, so a default
// journal never lands in the user's home.
struct CliRun {
    bool started = false;
    bool timedOut = false; // killed by the helper
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
    // "exit 2, stderr: ..." for failure messages.
    QString describe() const;
};

class CliProcess {
public:
    static QString program();
    static QProcessEnvironment environment(const QString& cacheDir);
    // workingDirectory: "" = the test's; childModifier: runs in the child before exec (a
    // resource limit, a signal disposition).
    // Complete "request" lines in a run's journal (a torn last line does not count).
    static int journalRequests(const QString& path);
    // Complete lines of one type for one level ("request" lines carry "level", level_start
    // and level_end lines carry "index"); level -1: any level.
    static int journalLines(const QString& path, const char* type, int level = -1);
    static CliRun run(const QStringList& args, const QString& cacheDir, int timeoutMs = 60000,
                      const QProcessEnvironment& extraEnv = {},
                      const QString& workingDirectory = {},
                      const std::function<void()>& childModifier = {});
};

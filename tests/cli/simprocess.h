#pragma once

#include <QJsonDocument>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

// `plateau-cli sim` started by a test: waits for its "listening on http://..." line,
// answers ground-truth queries (GET /sim/stats, /sim/requests) and is stopped by the
// test (SIGTERM, then SIGKILL if it does not exit; the destructor does both).
class SimProcess {
public:
    SimProcess() = default;
    ~SimProcess();
    SimProcess(const SimProcess&) = delete;
    SimProcess& operator=(const SimProcess&) = delete;

    // extraArgs: e.g. {"--set", "rate_500=0.1"}. Binds 127.0.0.1, port 0.
    bool start(const QStringList& extraArgs, QString* error, int timeoutMs = 20000);
    QUrl baseUrl() const { return m_url; }
    QString banner() const { return m_banner; }
    // Synchronous GET (bounded); nullopt with a message on failure.
    std::optional<QJsonDocument> get(const QString& path, QString* error, int timeoutMs = 15000);
    // SIGTERM and wait: the exit code, or -1 if it had to be killed.
    int stop(int timeoutMs = 15000);
    QByteArray stderrOutput();

private:
    QProcess m_process;
    QUrl m_url;
    QString m_banner;
    QByteArray m_err;
};

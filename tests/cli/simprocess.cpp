#include "simprocess.h"

#include "cliprocess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>

SimProcess::~SimProcess() {
    if (m_process.state() != QProcess::NotRunning)
        stop(5000);
}

bool SimProcess::start(const QStringList& extraArgs, QString* error, int timeoutMs) {
    m_process.setProcessEnvironment(CliProcess::environment(QDir::tempPath()));
    m_process.start(
        CliProcess::program(),
        QStringList{QStringLiteral("sim"), QStringLiteral("--port"), QStringLiteral("0")} +
            extraArgs);
    if (!m_process.waitForStarted(10000)) {
        *error = QStringLiteral("sim did not start: ") + m_process.errorString();
        return false;
    }
    static const QRegularExpression listening(QStringLiteral(R"(listening on (http://\S+))"));
    QByteArray out;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.state() == QProcess::NotRunning)
            break;
        m_process.waitForReadyRead(
            int(qMax<qint64>(1, qMin<qint64>(200, deadline.remainingTime()))));
        out += m_process.readAllStandardOutput();
        const int newline = int(out.indexOf('\n'));
        if (newline < 0)
            continue;
        m_banner = QString::fromUtf8(out.left(newline));
        const QRegularExpressionMatch m = listening.match(m_banner);
        if (!m.hasMatch())
            break;
        m_url = QUrl(m.captured(1));
        return m_url.isValid() && m_url.port() > 0;
    }
    m_err += m_process.readAllStandardError();
    *error = QStringLiteral("sim printed no address (stdout \"%1\", stderr \"%2\")")
                 .arg(QString::fromUtf8(out), QString::fromUtf8(m_err));
    return false;
}

std::optional<QJsonDocument> SimProcess::get(const QString& path, QString* error, int timeoutMs) {
    QNetworkAccessManager manager;
    QNetworkRequest request(m_url.resolved(QUrl(path)));
    request.setTransferTimeout(timeoutMs);
    QNetworkReply* reply = manager.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    std::unique_ptr<QNetworkReply> owner(reply);
    if (!reply->isFinished() || reply->error() != QNetworkReply::NoError) {
        *error = QStringLiteral("GET %1 failed: %2").arg(path, reply->errorString());
        reply->abort();
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("GET %1: not JSON: %2").arg(path, parseError.errorString());
        return std::nullopt;
    }
    return doc;
}

int SimProcess::stop(int timeoutMs) {
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    m_process.terminate();
    if (!m_process.waitForFinished(timeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return -1;
    }
    m_err += m_process.readAllStandardError();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QByteArray SimProcess::stderrOutput() {
    m_err += m_process.readAllStandardError();
    return m_err;
}

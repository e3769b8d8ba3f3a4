#include "simrequestlog.h"

#include "simulatorthread.h"

#include <QJsonDocument>

SimRequestLog::SimRequestLog(const SimulatorThread* simulator, QObject* parent)
    : QObject(parent)
    , m_simulator(simulator) {
    connect(&m_timer, &QTimer::timeout, this, &SimRequestLog::poll);
}

bool SimRequestLog::open(const QString& path, QString* error) {
    m_file.setFileName(path);
    // Truncate: a log belongs to one simulator run, like its /sim/requests history.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error =
            QStringLiteral("--request-log: cannot write %1: %2").arg(path, m_file.errorString());
        return false;
    }
    return true;
}

void SimRequestLog::start(int intervalMs) {
    m_timer.start(intervalMs);
}

void SimRequestLog::finish() {
    m_timer.stop();
    if (!m_file.isOpen())
        return;
    poll();
    m_file.close();
}

void SimRequestLog::poll() {
    if (!m_file.isOpen())
        return;
    const QList<SimRequestTruth> history = m_simulator->requests();
    QSet<quint64> present;
    present.reserve(history.size());
    QByteArray lines;
    for (const SimRequestTruth& truth : history) {
        present.insert(truth.id);
        if (m_seen.contains(truth.id))
            continue;
        lines += QJsonDocument(truth.toJson()).toJson(QJsonDocument::Compact);
        lines += '\n';
        ++m_written;
    }
    m_seen = std::move(present);
    if (!lines.isEmpty()) {
        m_file.write(lines);
        m_file.flush(); // readers tail the file while the simulator runs
    }
}

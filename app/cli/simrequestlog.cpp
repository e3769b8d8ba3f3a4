#include "cli/simrequestlog.h"

#include "cli/console.h"
#include "sim/simulatorthread.h"

#include <QJsonDocument>

SimRequestLog::SimRequestLog(const SimulatorThread* simulator, QObject* parent)
    : QObject(parent)
    , m_simulator(simulator) {
    connect(&m_timer, &QTimer::timeout, this, &SimRequestLog::poll);
}

bool SimRequestLog::open(const QString& path, QString* error) {
    // Truncate: a log belongs to one simulator run, like its /sim/requests history.
    QString reason;
    if (!m_file.open(path, &reason)) {
        *error = QStringLiteral("--request-log: ") + reason;
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
    qint64 count = 0;
    for (const SimRequestTruth& truth : history) {
        present.insert(truth.id);
        if (m_seen.contains(truth.id))
            continue;
        lines += QJsonDocument(truth.toJson()).toJson(QJsonDocument::Compact);
        lines += '\n';
        ++count;
    }
    m_seen = std::move(present);
    if (lines.isEmpty() || m_file.failed())
        return;
    // Straight to the kernel: readers tail the file while the simulator runs.
    if (m_file.append(lines))
        m_written += count;
    else
        Console::error(QStringLiteral("warning: --request-log: %1; the log stops here, the "
                                      "simulator goes on")
                           .arg(m_file.error()));
}

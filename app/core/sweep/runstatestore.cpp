#include "sweep/runstatestore.h"

#include <QMutexLocker>

void RunStateStore::begin(const RunResult& header, const RunProgress& progress) {
    QMutexLocker lock(&m_mutex);
    m_result = header;
    m_progress = progress;
    m_running = true;
    m_levelOpen = false;
}

void RunStateStore::openLevel(const LevelRunInfo& info) {
    QMutexLocker lock(&m_mutex);
    m_levelOpen = true;
    m_levelInfo = info;
    m_levelFirstRecord = m_result.records.size();
}

void RunStateStore::appendRecord(const RequestRecord& record) {
    QMutexLocker lock(&m_mutex);
    m_result.records.append(record);
}

void RunStateStore::closeLevel(const LevelRunInfo& info, const SweepSummary& summary) {
    QMutexLocker lock(&m_mutex);
    m_levelOpen = false;
    m_result.levels.append(info);
    m_result.summary = summary;
}

void RunStateStore::setProgress(const RunProgress& progress) {
    QMutexLocker lock(&m_mutex);
    m_progress = progress;
}

void RunStateStore::setJournalError(const QString& error) {
    QMutexLocker lock(&m_mutex);
    if (m_result.journal.error.isEmpty())
        m_result.journal.error = error;
}

void RunStateStore::setServerMetrics(const ServerRunMetrics& metrics) {
    QMutexLocker lock(&m_mutex);
    m_result.serverMetrics = metrics;
}

void RunStateStore::finish(const RunResult& result) {
    QMutexLocker lock(&m_mutex);
    m_result = result;
    m_running = false;
    m_levelOpen = false;
    m_progress.running = false;
    m_progress.inFlight = 0;
}

RunProgress RunStateStore::progress() const {
    QMutexLocker lock(&m_mutex);
    return m_progress;
}

bool RunStateStore::isRunning() const {
    QMutexLocker lock(&m_mutex);
    return m_running;
}

bool RunStateStore::openLevelSnapshot(LevelRunInfo* info, RecordStore* records) const {
    QMutexLocker lock(&m_mutex);
    if (!m_levelOpen)
        return false;
    *info = m_levelInfo;
    *records = m_result.records.mid(m_levelFirstRecord);
    return true;
}

bool RunStateStore::openLevelSnapshot(LevelRunInfo* info, QList<RequestRecord>* records) const {
    RecordStore packed;
    if (!openLevelSnapshot(info, &packed))
        return false;
    *records = packed.toList();
    return true;
}

RunResult RunStateStore::result() const {
    QMutexLocker lock(&m_mutex);
    return m_result;
}

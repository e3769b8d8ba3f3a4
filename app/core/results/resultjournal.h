#pragma once

#include "levelruninfo.h"
#include "requestrecord.h"
#include "runresult.h"

#include <QFile>
#include <QMutex>
#include <QString>

// Append-only JSON-lines journal of a run ("plateau.journal/1"). Every record is written
// and flushed as it finishes, so a killed run loses at most the line being written.
// Lines: {"type":"run",...header, profile, runStartNs, startedAt},
// {"type":"level_start",...LevelRunInfo}, {"type":"request",...record with absolute ns},
// {"type":"level_end",...LevelRunInfo}, {"type":"end","stopReason":..}.
// Thread-safe (a mutex around each append).
class ResultJournal {
public:
    ResultJournal() = default;
    ~ResultJournal();
    bool open(const QString& path, QString* error);
    bool isOpen() const;
    QString path() const;
    void writeRunStart(const RunResult& header); // profile, startedAt, runStartNs, endpointUrl
    void writeLevelStart(const LevelRunInfo& info);
    void writeRecord(const RequestRecord& record);
    void writeLevelEnd(const LevelRunInfo& info);
    void writeRunEnd(const QString& stopReason, bool cancelled);
    void close();

private:
    void appendLine(const QByteArray& json);
    QFile m_file;
    mutable QMutex m_mutex;
};

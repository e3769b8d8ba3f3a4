#pragma once

#include "levelruninfo.h"
#include "requestrecord.h"
#include "runresult.h"

#include <QFile>
#include <QMutex>
#include <QString>

// Append-only JSON-lines journal of a run ("plateau.journal/1"). Every record is written
// and flushed as it finishes, so a killed run loses at most the line being written.
// Lines: {"type":"run","schema":"plateau.journal/1",toolVersion,startedAt,runStartNs,
// endpointUrl,profile}, {"type":"level_start",...LevelRunInfo},
// {"type":"request",...record with absolute ns}, {"type":"level_end",...LevelRunInfo},
// {"type":"end","stopReason":..,"cancelled":..}. A calibrated run also has, before its
// first level, {"type":"calibration_probe",...record} per probe and one
// {"type":"calibration",...} decision line (see CalibrationJson).
// Thread-safe (a mutex around each append). A failed write is remembered (error()) and
// does not stop the run: the in-memory results still reach the results file.
class ResultJournal {
public:
    static constexpr const char* schemaName = "plateau.journal/1";

    ResultJournal() = default;
    ~ResultJournal();
    ResultJournal(const ResultJournal&) = delete;
    ResultJournal& operator=(const ResultJournal&) = delete;

    // Creates or truncates the file.
    bool open(const QString& path, QString* error);
    bool isOpen() const;
    QString path() const;
    void writeRunStart(const RunResult& header); // profile, startedAt, runStartNs, endpointUrl
    void writeCalibrationProbe(const RequestRecord& record); // as each probe finishes
    void writeCalibration(const CalibrationInfo& info);      // the decision, without probes
    void writeLevelStart(const LevelRunInfo& info);
    void writeRecord(const RequestRecord& record);
    void writeLevelEnd(const LevelRunInfo& info);
    void writeRunEnd(const QString& stopReason, bool cancelled);
    void close();
    // The first write error since open(), "" if none.
    QString error() const;

private:
    void appendLine(const QByteArray& json);
    QFile m_file;
    QString m_error;
    mutable QMutex m_mutex;
};

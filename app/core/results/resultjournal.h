#pragma once

#include "common/appendfile.h"
#include "record/levelruninfo.h"
#include "record/requestrecord.h"
#include "results/runresult.h"

#include <QJsonObject>
#include <QMutex>
#include <QString>
#include <functional>

// Append-only JSON-lines journal of a run ("plateau.journal/2"). Every record is written
// to the kernel as it finishes, so a killed run loses at most the line being written.
// Lines: {"type":"run","schema":"plateau.journal/2",tool_version,started_at,run_start_ns,
// endpoint_url,profile}, {"type":"level_start",...LevelRunInfo},
// {"type":"request",...record with absolute ns}, {"type":"level_end",...LevelRunInfo},
// {"type":"end","stop_reason":..,"cancelled":..}. A calibrated run also has, before its
// first level, {"type":"calibration_probe",...record} per probe and one
// {"type":"calibration",...} decision line (see CalibrationJson). Keys are snake_case like
// the results file's since schema /2 (/1 journals used camelCase; JournalKeys upgrades
// them on reading, so both recover).
//
// Thread-safe (a mutex around each append). Only a regular file is journaled to (see
// AppendFile). The first failed write (a full disk, a quota, an I/O error) ends the
// journal there, on its last complete line: error() says why, and the failure handler is
// called once, at once, so the run can say so while it goes on in memory.
class ResultJournal {
public:
    static constexpr const char* schemaName = "plateau.journal/2";
    static constexpr int schemaVersion = 2; // readers take every version up to this one
    using FailureHandler = std::function<void(const QString& error)>;

    ResultJournal() = default;
    ~ResultJournal();
    ResultJournal(const ResultJournal&) = delete;
    ResultJournal& operator=(const ResultJournal&) = delete;

    // The path a new run may journal to when it asks for `wanted`: `wanted` itself unless
    // a journal there would be lost. A finished run's journal (its last line is the end
    // line) may be replaced; anything else that is there (a killed or cut-off run, a file
    // that is not a journal) is kept, and the next free "NAME.1.jsonl", "NAME.2.jsonl"...
    // is chosen instead, with `note` saying so and how to recover the old one. "" (and why
    // in `note`) when no free name is left.
    static QString availablePath(const QString& wanted, QString* note);
    // The same for a run that journals one step of several (a repetition, an interleaved
    // level): "" stays "" (no journal), and with no free name left `wanted` itself, whose
    // opening then says what is in the way.
    static QString pathForStep(const QString& wanted, QString* note);

    // Creates the file, or truncates it if availablePath() allows; else opens the path
    // availablePath() chose (path() tells which), with `note` saying why. A regular file only.
    bool open(const QString& path, QString* error, QString* note = nullptr);
    // Journals into an already open descriptor (tests: /dev/full).
    void adopt(int fd, const QString& name);
    // Called once, from the writing thread, with error() when the first write fails.
    void setFailureHandler(FailureHandler handler);
    bool isOpen() const;
    QString path() const;
    void writeRunStart(const RunResult& header); // profile, startedAt, runStartNs, endpointUrl
    void writeCalibrationProbe(const RequestRecord& record); // as each probe finishes
    void writeCalibration(const CalibrationInfo& info);      // the decision, without probes
    void writeLevelStart(const LevelRunInfo& info);
    void writeRecord(const RequestRecord& record);
    void writeLevelEnd(const LevelRunInfo& info);
    // The server's metrics: "server_metrics", "server_sample", "server_warning" (ServerJournal).
    void writeServerLine(const QString& type, const QJsonObject& fields);
    void writeRunEnd(StopReason stopReason, bool cancelled);
    void close();
    // The first write error since open(), "" if none.
    QString error() const;
    // Complete lines in the file.
    qint64 linesWritten() const;

private:
    void appendLine(const QByteArray& json);
    AppendFile m_file;
    FailureHandler m_onFailure;
    qint64 m_lines = 0;
    mutable QMutex m_mutex;
};

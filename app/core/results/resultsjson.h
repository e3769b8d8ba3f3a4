#pragma once

#include "results/runresult.h"

#include <QJsonObject>
#include <QString>
#include <atomic>
#include <functional>
#include <optional>

// The results file, "schema": "plateau.results/1": tool_version, started_at (ISO 8601),
// endpoint_url, the profile (no secrets), stop_reason, cancelled, levels[] (every
// per-level field; latencies as {mean,std,min,max,p50,p90,p95,p99}; plus "run_info"),
// requests[] (level, t_send_ms from run start, every per-request field), plateau,
// best_in_budget. Readable back for re-plotting without rerunning: times in the file are
// relative, so a loaded result gets runStartNs = loadedRunStartNs and every timestamp
// relative to it (always subtract runStartNs; never read absolute values as a clock).
class ResultsJson {
public:
    static constexpr const char* schemaName = "plateau.results/1";
    // Origin of a loaded result's clock: far enough from 0 (~11.6 days) that moments
    // before the run start (a hand-edited file) stay non-negative, i.e. "happened".
    static constexpr qint64 loadedRunStartNs = 1'000'000'000'000'000LL;

    static QJsonObject toJson(const RunResult& result);
    // The same without "requests" (the bulk of a long run's file).
    static QJsonObject toJsonWithoutRequests(const RunResult& result);
    static std::optional<RunResult> fromJson(const QJsonObject& object, QString* error);
    // fromJson's work on everything but "requests" (the streaming reader reads those, and
    // names their problem, "field 'requests' must be an array", for it to report in turn).
    static std::optional<RunResult> fromJsonHead(const QJsonObject& object,
                                                 const QString& requestsProblem, QString* error);
    // Results files hold every request: ~500 bytes each and ~10 a streamed token, so a
    // million 2-token requests are 510 MB and 8 GiB a million of ~800 tokens. Read streaming
    // (ResultsJsonReader), a file costs its packed records, a ninth (short answers) to a
    // fifth (long ones) of its text. (It was 2 GiB while the whole file and its QJsonDocument,
    // ~5x the text, had to fit in memory.)
    static constexpr qint64 kMaxBytes = qint64(8) << 30;

    static bool save(const RunResult& result, const QString& path, QString* error); // OutputFile
    // Any file type, read up to maxBytes (/dev/zero or an endless pipe stops there), parsed
    // as it is read: never whole in memory (ResultsJsonReader). `cancelled`: see
    // ResultsJsonReader::read (a load the GUI gave up on stops within 64 KiB).
    static std::optional<RunResult> load(const QString& path, QString* error,
                                         qint64 maxBytes = kMaxBytes,
                                         const std::atomic_bool* cancelled = nullptr);
    // The file's text: top level indented, one level or request per line (readable, and
    // a few MB instead of tens for a large run).
    static QByteArray toBytes(const RunResult& result);
    // Takes a piece of the text; false stops the writing (errno says why).
    using Sink = std::function<bool(const QByteArray& piece)>;
    // toBytes()'s text piece by piece, about a megabyte at a time: a long run's file is
    // never whole in memory (issue 17). False when the sink refused a piece.
    static bool writeTo(const RunResult& result, const Sink& sink);
};

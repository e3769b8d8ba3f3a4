#pragma once

#include "workload/loadprogress.h"
#include "workload/traceloadresult.h"
#include "workload/tracereadoptions.h"

#include <QByteArrayView>
#include <QIODevice>
#include <QString>

// Reads a request trace, JSON Lines, one request per line:
//   {"timestamp": 0, "input_length": 6755, "output_length": 500, "hash_ids": [46, 47, ...]}
//   (Mooncake's layout: ms from the start; equal hash ids are equal 512-token blocks)
// or {"timestamp": 12.5, "messages": [...], "max_tokens": 200} (or "prompt"; any output
// length key ConversationJson knows). Malformed lines are skipped and counted; entries are
// sorted by timestamp (a warning says how many were out of order); a trace without a usable
// line is an error. Streaming, with caps and progress like DatasetReader.
class TraceReader {
public:
    static constexpr double kMaxTimestampMs = 30.0 * 24 * 3600 * 1000; // 30 days
    static constexpr int kMaxHashIds = 100'000;

    static TraceLoadResult readFile(const QString& path, const TraceReadOptions& options,
                                    const LoadProgress& progress = {});
    static TraceLoadResult read(QIODevice* device, const TraceReadOptions& options,
                                const LoadProgress& progress = {},
                                const QString& name = QStringLiteral("the trace"));
    // One line; false with a one-line reason.
    static bool parseLine(QByteArrayView line, TraceEntry* entry, QString* reason);
};

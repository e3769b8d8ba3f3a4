#include "models/levelcolumns.h"

#include "models/leveltablemodel.h"

#include <QCoreApplication>

namespace {
struct ColumnInfo {
    const char* title;
    const char* help;
};

// Titles carry units so cells can stay bare numbers; help texts follow docs/METRICS.md.
const ColumnInfo kColumns[LevelTableModel::FirstServerColumn] = {
    {QT_TRANSLATE_NOOP("LevelTableModel", "Level"),
     QT_TRANSLATE_NOOP("LevelTableModel", "Concurrency (c=N) or request rate of the level")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Batch"),
     QT_TRANSLATE_NOOP("LevelTableModel",
                       "Inputs per embeddings request at this level (--batch-size); a list of "
                       "batch sizes runs every level at each size")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Requests"),
     QT_TRANSLATE_NOOP("LevelTableModel", "Measured requests (warm-up excluded)")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "OK"),
     QT_TRANSLATE_NOOP("LevelTableModel", "Successful requests")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Errors"),
     QT_TRANSLATE_NOOP("LevelTableModel", "Failed requests; hover a cell for the classes")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Output tok/s"),
     QT_TRANSLATE_NOOP("LevelTableModel",
                       "Output tokens of successful requests per second over the steady window "
                       "(all concurrent requests); * marks a level whose window was too short, "
                       "measured over its wall time instead")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Total tok/s"),
     QT_TRANSLATE_NOOP("LevelTableModel",
                       "All output tokens / level wall time (vLLM's output token throughput)")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Inputs/s"),
     QT_TRANSLATE_NOOP("LevelTableModel",
                       "Embeddings inputs of successful requests per second over the steady "
                       "window (each request by the share of its lifetime inside it)")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Input tok/s"),
     QT_TRANSLATE_NOOP("LevelTableModel",
                       "Input tokens of successful requests per second over the steady window "
                       "(the server's usage count where it gave one)")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Req/s"),
     QT_TRANSLATE_NOOP("LevelTableModel", "Requests per second over the steady window")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "In flight"),
     QT_TRANSLATE_NOOP(
         "LevelTableModel",
         "Achieved concurrency: time-weighted mean requests in flight in the window")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Goodput req/s"),
     QT_TRANSLATE_NOOP("LevelTableModel",
                       "Requests per second meeting every limit of the latency budget")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "TTFT p50 ms"),
     QT_TRANSLATE_NOOP("LevelTableModel", "Time to first content token, median")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "TTFT p95 ms"),
     QT_TRANSLATE_NOOP("LevelTableModel", "Time to first content token, 95th percentile")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "TTFT p99 ms"),
     QT_TRANSLATE_NOOP("LevelTableModel", "Time to first content token, 99th percentile")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "TPOT p50 ms"),
     QT_TRANSLATE_NOOP(
         "LevelTableModel",
         "Time per output token after the first (vLLM TPOT, GuideLLM/AIPerf ITL), median")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "TPOT p95 ms"),
     QT_TRANSLATE_NOOP("LevelTableModel", "Time per output token, 95th percentile")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "E2E p50 ms"),
     QT_TRANSLATE_NOOP("LevelTableModel", "Send to last content token, median")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "E2E p95 ms"),
     QT_TRANSLATE_NOOP("LevelTableModel", "Send to last content token, 95th percentile")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "E2E p99 ms"),
     QT_TRANSLATE_NOOP("LevelTableModel", "Send to last content token, 99th percentile")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "ITL p50 ms"),
     QT_TRANSLATE_NOOP("LevelTableModel",
                       "Gap between consecutive content events, pooled over requests, median")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "ITL p99 ms"),
     QT_TRANSLATE_NOOP("LevelTableModel", "Gap between consecutive content events, p99")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Queue max ms"),
     QT_TRANSLATE_NOOP("LevelTableModel",
                       "Longest client-side wait before sending; should stay near 0")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Client bound"),
     QT_TRANSLATE_NOOP(
         "LevelTableModel",
         "The client itself may have limited this level (CPU, event-loop lag, queueing)")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "In budget"),
     QT_TRANSLATE_NOOP("LevelTableModel", "Meets every limit of the latency budget")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Cost / M out tok"),
     QT_TRANSLATE_NOOP("LevelTableModel",
                       "Cost per million output tokens at the endpoint's price: per hour, the "
                       "hour spread over the level's measured output tok/s; per token, the "
                       "level's input and output tokens at their prices")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Cost / 1k req"),
     QT_TRANSLATE_NOOP("LevelTableModel",
                       "Cost per 1,000 successful requests at the endpoint's price (per hour: "
                       "at the level's measured req/s)")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Srv prompt eval p50 ms"),
     QT_TRANSLATE_NOOP("LevelTableModel",
                       "The server's own prompt evaluation time per request (Ollama's "
                       "prompt_eval_duration), median; hover for the client's TTFT of the same "
                       "requests")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Srv TPOT p50 ms"),
     QT_TRANSLATE_NOOP("LevelTableModel",
                       "The server's own decode time per token after the first (eval_duration / "
                       "(eval_count - 1)), median; hover for the client's TPOT")},
    {QT_TRANSLATE_NOOP("LevelTableModel", "Srv total p50 ms"),
     QT_TRANSLATE_NOOP("LevelTableModel",
                       "The server's own total time per request (total_duration), median; "
                       "hover for the client's end-to-end latency")},
};
} // namespace

QString LevelColumns::title(int column) {
    if (column < 0 || column >= LevelTableModel::FirstServerColumn)
        return {};
    return QCoreApplication::translate("LevelTableModel", kColumns[column].title);
}

QString LevelColumns::help(int column) {
    if (column < 0 || column >= LevelTableModel::FirstServerColumn)
        return {};
    return QCoreApplication::translate("LevelTableModel", kColumns[column].help);
}

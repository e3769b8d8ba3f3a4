#pragma once

#include "record/requestrecord.h"
#include "results/resultsrecordfields.h"

#include <QJsonObject>
#include <QStringList>

// RequestRecord <-> JSON. The journal keeps absolute ns (lossless); the results file
// writes docs/METRICS.md field names in ms relative to the run start.
//
// Journal form: {"id","level","warmup","tSchedNs","tSendNs","tHeadersNs","tFirstEventNs",
// "tFirstContentNs","tLastContentNs","tEndNs","contentEventDeltasNs":[..],"outputTokens",
// "outputTokensSource","inputTokens","inputTokensSource","httpStatus","finishReason",
// "error","errorMessage"}. contentEventDeltasNs[0] is the first event minus tSendNs (or
// the absolute time when there is no send time), each later one the gap to the previous
// event: the same information as absolute stamps in about half the bytes.
//
// Results form: {"id","level","warmup","t_send_ms","t_end_ms","queue_ms","ttfb_ms",
// "ttft_ms","ttfe_ms","e2e_ms","tpot_ms","itl_ms":[per-event gaps],"output_tokens",
// "output_tokens_source","input_tokens","input_tokens_source","http_status",
// "finish_reason","error","error_message"}; null for a value that is undefined.
class RecordJson {
public:
    static QJsonObject toJournalJson(const RequestRecord& record);
    // Never fails: absent or mistyped fields keep RequestRecord's defaults.
    static RequestRecord fromJournalJson(const QJsonObject& object);
    static QJsonObject toResultsJson(const RequestRecord& record, qint64 runStartNs);
    // Rebuilds the timestamps from the ms offsets (to the ns, since ms are written with
    // full precision). contentEventNs is rebuilt from ttft_ms and itl_ms; tLastContentNs
    // from e2e_ms.
    static RequestRecord fromResultsJson(const QJsonObject& object, qint64 runStartNs);
    // The same from the streaming reader's fields (ResultsJsonReader): the same record.
    static RequestRecord fromResultsJson(const ResultsRecordFields& fields, qint64 runStartNs);

    // The results-form keys in file order (CSV header, documentation).
    static QStringList resultsFields();
};

#pragma once

#include "workload/traceentry.h"
#include "workload/workloadrequestspec.h"

// The request a trace entry stands for. An entry with text sends it (its last turn, with
// the earlier turns' answers from the trace as history). An entry with lengths sends a
// synthetic prompt of input_length words: block k of the prompt is the text of hash id
// hash_ids[k] (blockWords words, the same for every entry that names that id, so a prefix
// cache sees what the trace's server saw), and the words beyond the named blocks are the
// request's own. Due time and output length come from the entry.
class TraceRequestBuilder {
public:
    static constexpr int kDefaultBlockWords = 512; // Mooncake's block size in tokens

    explicit TraceRequestBuilder(quint64 seed, int blockWords = kDefaultBlockWords);

    // index: the entry's position in the replay (its unique text's stream).
    WorkloadRequestSpec build(const TraceEntry& entry, qint64 index) const;
    // The full text of one hash block (a partial last block is a prefix of it).
    QString blockText(quint64 hashId) const;

private:
    QString lengthPrompt(const TraceEntry& entry, qint64 index) const;

    quint64 m_seed;
    int m_blockWords;
};

#pragma once

#include "workload/conversation.h"
#include "workload/datasetloadresult.h"
#include "workload/datasetreadoptions.h"
#include "workload/loadissues.h"
#include "workload/reservoirsampler.h"

#include <utility>

// The part of a dataset load that does not care about the format: every parsed entry goes
// through the prompt-length filter, then into a seeded reservoir (the kept sample) and a
// second reservoir of its lengths; skipped entries are counted with their reasons.
class DatasetCollector {
public:
    explicit DatasetCollector(const DatasetReadOptions& options);

    void add(Conversation conversation);
    void skip(const QString& where, const QString& reason) { m_issues.add(where, reason); }
    qint64 usable() const { return m_entries.seen(); }

    // Moves the sample, the lengths and the counts into *result.
    void finish(DatasetLoadResult* result);

private:
    DatasetReadOptions m_options;
    ReservoirSampler<Conversation> m_entries;
    ReservoirSampler<std::pair<int, int>> m_lengths;
    qint64 m_filteredOut = 0;
    LoadIssues m_issues;
};

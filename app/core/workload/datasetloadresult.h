#pragma once

#include "workload/conversation.h"
#include "workload/datasetformat.h"
#include "workload/loadissues.h"

#include <QList>
#include <QString>
#include <QStringList>

// What reading a dataset produced.
struct DatasetLoadResult {
    bool ok = false;
    QString error; // one line, when !ok ("cancelled" when cancelled)
    bool cancelled = false;
    DatasetFormat format = DatasetFormat::Auto; // the one used (detected or forced)
    QList<Conversation> entries;                // the kept entries (sampled, filtered)
    qint64 usableEntries = 0; // parsed and within the length filter, before sampling
    qint64 filteredOut = 0;   // parsed, but the prompt length is outside the filter
    LoadIssues malformed;     // skipped entries: counted, the first few described
    // Lengths in words of usable entries (the same index is the same entry): the
    // dataset's real lengths, for histograms and empirical distributions.
    QList<int> promptWords;
    QList<int> referenceWords;
    QStringList warnings; // e.g. "the file ends before the list is closed"
    qint64 bytesRead = 0;
};

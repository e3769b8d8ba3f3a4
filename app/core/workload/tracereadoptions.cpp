#include "workload/tracereadoptions.h"

#include "workload/datasetreadoptions.h"
#include "workload/workloadtext.h"

QString TraceReadOptions::validate() const {
    // The same bounds as a dataset's.
    DatasetReadOptions same;
    same.maxFileBytes = maxFileBytes;
    same.maxEntryBytes = maxLineBytes;
    same.maxEntries = maxEntries;
    return same.validate();
}

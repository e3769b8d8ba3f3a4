#pragma once

#include "workload/loadissues.h"
#include "workload/traceentry.h"

#include <QList>
#include <QString>
#include <QStringList>

// What reading a trace produced: its entries in time order.
struct TraceLoadResult {
    bool ok = false;
    QString error; // one line, when !ok ("cancelled" when cancelled)
    bool cancelled = false;
    QList<TraceEntry> entries; // sorted by timestamp (stable: equal times keep file order)
    LoadIssues malformed;
    qint64 outOfOrder = 0; // entries earlier than one before them in the file
    QStringList warnings;
    qint64 bytesRead = 0;
};

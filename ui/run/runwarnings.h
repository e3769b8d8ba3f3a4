#pragma once

#include "results/runresult.h"

#include <QMap>
#include <QString>
#include <QStringList>

// The warnings a run's numbers call for, in plain language, keyed so the banner can
// update them in place: "client_bound" (the client may have limited some levels),
// "error_rate" (levels over the plan's error-rate limit) and "journal" (the run's journal
// could not be written: the run goes on in memory, but a crash would now lose it).
class RunWarnings {
public:
    static QMap<QString, QString> fromResult(const RunResult& result);
    // Every key fromResult() may return, so a caller can clear the ones that are gone.
    static QStringList keys();
    // The runner's notices are plain strings without a severity. Planned events (prompt
    // calibration done, the user's stop, a stop rule doing its job) are information for
    // the status bar; the rest (unreachable, bad key, error-rate stop, ...) are warnings.
    static bool isWarningNotice(const QString& notice);
};

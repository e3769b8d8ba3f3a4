#pragma once

#include "profile.h"
#include "requestrecord.h"
#include "sweepsummary.h"

#include <QDateTime>
#include <QList>
#include <QString>

// Client-side health of one level, measured by the load generator.
struct LevelRunInfo {
    int index = -1;
    bool isRate = false;
    int concurrency = 0;
    double rate = 0.0;
    qint64 startNs = -1;      // level started issuing
    qint64 issueStopNs = -1;  // the first worker stopped issuing (end of steady window)
    qint64 endNs = -1;        // last request of the level ended
    double clientCpuSeconds = 0.0;
    double eventLoopLagP99Ms = 0.0;
    bool complete = false;
};

// Everything one run produced. Written as "plateau.results/1" and rebuilt from a journal.
struct RunResult {
    QString toolVersion = QStringLiteral(PLATEAU_VERSION);
    QDateTime startedAt;
    qint64 runStartNs = -1; // MonotonicClock at start; t_send_ms in files is relative to it
    Profile profile;        // secrets are never in a profile, so this is safe to write
    QString endpointUrl;    // the URL actually used (the simulator's loopback URL for sim:)
    QList<LevelRunInfo> levels;
    QList<RequestRecord> records;
    SweepSummary summary;
    bool cancelled = false;
    QString stopReason; // "completed", "cancelled", "plateau", "budget_exceeded", "error_rate", "unreachable"
};

#pragma once

#include "metrics/sweepsummary.h"
#include "profile/profile.h"
#include "record/levelruninfo.h"
#include "record/recordstore.h"
#include "results/betweenruns.h"
#include "results/calibrationinfo.h"
#include "results/journalstatus.h"
#include "results/runrepetition.h"
#include "results/serverrunmetrics.h"
#include "results/shardinfo.h"
#include "results/stopreason.h"

#include <QDateTime>
#include <QList>
#include <QString>

// Everything one run produced. Written as "plateau.results/1" and rebuilt from a journal.
struct RunResult {
    QString toolVersion = QStringLiteral(PLATEAU_VERSION);
    QDateTime startedAt;
    qint64 runStartNs = -1; // MonotonicClock at start; t_send_ms in files is relative to it
    Profile profile;        // secrets are never in a profile, so this is safe to write
    QString endpointUrl;    // the URL actually used (the simulator's loopback URL for sim:)
    QList<LevelRunInfo> levels;
    RecordStore records;
    SweepSummary summary;
    CalibrationInfo calibration;    // the prompt-length probes (never in records)
    JournalStatus journal;          // where the run was journaled, and whether every line got there
    ServerRunMetrics serverMetrics; // the server's own /metrics, when scraped (issue 12)
    ShardInfo shard;                // one shard of a sharded run, or their merge (issue 15)
    // A repeated run (plan.repeat > 1, RepeatedRun::combine): every repetition, the first
    // included (the fields above are the first's), and the between-run figures. Empty for one.
    QList<RunRepetition> repeats;
    BetweenRuns betweenRuns;
    bool cancelled = false;
    StopReason stopReason = StopReason::None; // Interrupted: a recovered run that never ended
    // What the reason leaves out, in the runner's words ("connection refused at HOST:PORT",
    // "invalid profile: ..."); "" when the reason says it all. Not written to files.
    QString stopDetail;
};

#pragma once

#include "metrics/sweepsummary.h"
#include "record/levelruninfo.h"
#include "results/stopreason.h"

#include <QDateTime>
#include <QList>
#include <QString>

struct RunResult;

// One repetition of a repeated run (`--repeat N`, plan.repeat): its levels and verdicts,
// kept whole. Its requests stay in its own journal; the results file holds only the first
// repetition's requests (RunResult::records).
struct RunRepetition {
    int number = 1; // 1-based
    QDateTime startedAt;
    qint64 runStartNs = -1; // its own clock origin: run_info times are relative to it
    quint64 seed = 0;       // each repetition draws fresh prompts unless the plan pins a seed
    StopReason stopReason = StopReason::None;
    bool cancelled = false;
    QString journalPath;
    QList<LevelRunInfo> levels;
    SweepSummary summary;

    static RunRepetition of(const RunResult& run, int number);
};

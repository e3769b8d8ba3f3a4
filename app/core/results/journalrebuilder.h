#pragma once

#include "levelruninfo.h"
#include "requestrecord.h"
#include "runresult.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

// Collects a journal's lines (JournalReader does the file and line handling) and turns
// them into a RunResult: records grouped by level, each level re-aggregated with
// LevelAggregator, the sweep with SweepAggregator, exactly as the live run did.
class JournalRebuilder {
public:
    // The "run" header line. False (with the reason) if its profile cannot be read.
    bool setHeader(const QJsonObject& header, QString* error);
    // Any later line. False if it is not a journal line at all (no known "type").
    bool addLine(const QJsonObject& line);
    // notes: gets plain-language remarks (a level without its end, a run without its end).
    RunResult build(QStringList* notes) const;

private:
    LevelRunInfo infoFromPlan(int index) const;

    RunResult m_result;
    QMap<int, LevelRunInfo> m_levels; // by level index
    QMap<int, bool> m_levelEnded;
    bool m_ended = false;
};

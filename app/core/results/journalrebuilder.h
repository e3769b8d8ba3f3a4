#pragma once

#include "record/levelruninfo.h"
#include "record/requestrecord.h"
#include "results/runresult.h"
#include "results/serverjournal.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>
#include <set>
#include <tuple>

// Collects a journal's lines (JournalReader does the file and line handling) and turns
// them into a RunResult: records grouped by level, each level re-aggregated with
// LevelAggregator, the sweep with SweepAggregator, exactly as the live run did.
class JournalRebuilder {
public:
    // The "run" header line. False (with the reason) if its profile cannot be read.
    bool setHeader(const QJsonObject& header, QString* error);
    // Any later line. False if it is not a journal line at all (no known "type"). A
    // request or probe seen before (the same id, level and send time: a journal repeated
    // by `cat j j`) is counted in duplicates() and not added again.
    bool addLine(const QJsonObject& line);
    int duplicates() const { return m_duplicates; }
    // notes: gets plain-language remarks (a level without its end, a run without its end).
    // A run without its end line was killed or cut off: it comes back cancelled, with
    // stop reason "interrupted".
    RunResult build(QStringList* notes) const;

private:
    bool isFirstSight(const RequestRecord& record);
    LevelRunInfo infoFromPlan(int index) const;

    RunResult m_result;
    QMap<int, LevelRunInfo> m_levels; // by level index
    QMap<int, bool> m_levelEnded;
    std::set<std::tuple<quint64, int, qint64>> m_seen; // id, level, tSendNs of each record
    int m_duplicates = 0;
    bool m_ended = false;
    ServerJournal m_server; // the server's metrics, when the run scraped them
};

#pragma once

#include "load/levelspec.h"
#include "profile/workloadsettings.h"
#include "workload/traceentry.h"
#include "workload/tracerequestbuilder.h"
#include "workload/workloadrequestspec.h"

#include <QList>

// A trace replayed open loop (issue 16): the trace file read, scaled by its speed and cut to
// its window; one level whose arrivals are due at the trace's own times (LevelSpec's
// schedule: a late client shows as queue_ms, never as a shifted schedule), at the trace's
// rate; request k of the level is the trace's entry k.
class TraceReplay {
public:
    // False with a one-line *error (no file, no usable line, nothing in the window).
    bool load(const WorkloadSettings::Trace& trace, quint64 seed, QString* error);

    qsizetype size() const { return m_entries.size(); }
    double ratePerSecond() const { return m_rate; }
    // The one level of a replay: open loop, no cap, every entry measured at its time.
    LevelSpec level() const;
    // The request with run id `id` (ids count from 1 in issue order: id 1 is entry 0).
    WorkloadRequestSpec request(quint64 id) const;

private:
    QList<TraceEntry> m_entries;
    double m_rate = 0.0;
    quint64 m_seed = 0;
};

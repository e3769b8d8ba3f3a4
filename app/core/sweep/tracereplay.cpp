#include "sweep/tracereplay.h"

#include "workload/tracereader.h"
#include "workload/tracetransform.h"

#include <QFileInfo>
#include <cmath>

bool TraceReplay::load(const WorkloadSettings::Trace& trace, quint64 seed, QString* error) {
    m_seed = seed;
    const QString name = QFileInfo(trace.path).fileName();
    if (const QString why = TraceTransform::validateSpeed(trace.speed); !why.isEmpty()) {
        *error = QStringLiteral("workload.trace.speed: ") + why;
        return false;
    }
    const TraceLoadResult loaded = TraceReader::readFile(trace.path, TraceReadOptions{});
    if (!loaded.ok) {
        *error = name + QStringLiteral(": ") + loaded.error;
        return false;
    }
    // The window is in the trace's own time; the speed applies to what is replayed.
    const double toMs = trace.windowEndS >= 0 ? trace.windowEndS * 1000.0 : -1.0;
    QList<TraceEntry> entries = TraceTransform::startAtZero(loaded.entries);
    entries = TraceTransform::window(entries, trace.windowStartS * 1000.0, toMs);
    if (entries.isEmpty()) {
        *error = name + QStringLiteral(": no request in the window %1 s - %2")
                            .arg(trace.windowStartS)
                            .arg(toMs < 0 ? QStringLiteral("end")
                                          : QString::number(trace.windowEndS) + u" s");
        return false;
    }
    m_entries = TraceTransform::scaled(entries, trace.speed);
    m_rate = TraceTransform::ratePerSecond(m_entries);
    return true;
}

LevelSpec TraceReplay::level() const {
    LevelSpec spec;
    spec.isRate = true;
    spec.rate = m_rate;
    spec.concurrency = 0; // no cap: every request goes at its time
    spec.measuredRequests = int(m_entries.size());
    spec.seed = m_seed;
    spec.scheduleNs.reserve(m_entries.size());
    for (const TraceEntry& entry : m_entries)
        spec.scheduleNs.append(qint64(std::llround(entry.timestampMs * 1e6)));
    return spec;
}

WorkloadRequestSpec TraceReplay::request(quint64 id) const {
    const qint64 index = qint64((id > 0 ? id - 1 : 0) % quint64(m_entries.size()));
    const TraceEntry& entry = m_entries.at(index);
    WorkloadRequestSpec spec = TraceRequestBuilder(m_seed).build(entry, index);
    spec.sourceIndex = entry.line;
    return spec;
}

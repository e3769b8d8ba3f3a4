#pragma once

#include "results/serverrunmetricsbuilder.h"
#include "servermetrics/recognizedmetrics.h"

#include <QJsonObject>
#include <QString>

// The server's metrics in the journal, and their replay on recovery. Three line types:
//   {"type":"server_metrics","url","interval_ms","extra_names"}   once, when scraping starts
//   {"type":"server_sample","t_ms","engine","values":{"running":4,"generation_tokens":9120,
//     ...},"extras":{"name":{"type":"counter","value":1}}}         one per scrape
//   {"type":"server_warning","kind","message"}                      once per kind
// One line per scrape, not one per level: the per-level figures are a function of the
// samples and of the levels' steady windows, so recovery recomputes them exactly as the live
// run did (ServerRunMetricsBuilder), including for a level the run was killed in, and the
// series survive too. A sample line is ~300 bytes a second, next to ~1 KB per request.
// Histograms (server-side TTFT/TPOT) are not journaled: they are not among the per-level
// figures, and their +Inf bound has no JSON spelling.
class ServerJournal {
public:
    static QJsonObject startLine(const ServerRunMetricsBuilder::Source& source);
    static QJsonObject sampleLine(qint64 tMs, const RecognizedMetrics& metrics);
    static QJsonObject warningLine(const ServerRunMetrics::Warning& warning);

    // Replay: true when the line is one of the above (handled), false for any other type.
    bool addLine(const QString& type, const QJsonObject& line);
    bool isActive() const { return m_active; }
    ServerRunMetrics build(const QList<LevelSummary>& levels) const;

private:
    bool m_active = false;
    ServerRunMetricsBuilder::Source m_source;
    ServerMetricsTimeline m_timeline;
};

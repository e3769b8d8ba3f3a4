#pragma once

#include <QtGlobal>

// When the next live summary may start (issue 17: flat costs). A live level is summarized
// from all its records so far (exact percentiles), so a summary costs more as the level goes
// on; made back to back, a million-request level's summaries kept a core busy, one the client
// needs on a laptop. After each summary the pacer rests kRest times as long as it took: the
// summaries' thread is busy at most 1 / (1 + kRest) of the time, and a long level's figures
// refresh every few seconds instead of several times a second. Times are the caller's
// (a QElapsedTimer's ms), so a test can give its own.
class SummaryPacer {
public:
    static constexpr int kRest = 4;

    // Forget the last summary (a new run): the next may start at once.
    void reset() { m_restUntilMs = -1; }
    // A summary that took madeMs was shown at nowMs.
    void summarized(qint64 nowMs, double madeMs) {
        m_lastMs = madeMs;
        m_restUntilMs = nowMs + qint64(kRest * madeMs);
    }
    bool due(qint64 nowMs) const { return nowMs >= m_restUntilMs; }
    double lastSummaryMs() const { return m_lastMs; }

private:
    qint64 m_restUntilMs = -1;
    double m_lastMs = 0.0;
};

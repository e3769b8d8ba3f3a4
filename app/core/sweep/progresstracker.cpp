#include "sweep/progresstracker.h"

#include <algorithm>

void ProgressTracker::beginRun(const QList<LevelSpec>& levels) {
    m_levels = levels;
    m_progress = RunProgress{};
    m_progress.running = true;
    m_progress.levelCount = int(levels.size());
}

void ProgressTracker::addLevel(const LevelSpec& level) {
    m_levels.append(level);
    m_progress.levelCount = int(m_levels.size());
}

void ProgressTracker::beginLevel(int index, qint64 startNs, qint64 contentEvents) {
    if (m_e2eCount > 0)
        m_lastLevelMeanE2eS = m_e2eSumS / m_e2eCount;
    const LevelSpec& spec = m_levels.at(index);
    m_progress.levelIndex = index;
    m_progress.levelLabel = spec.label();
    m_progress.requestsDone = 0;
    m_progress.requestsPlanned = spec.isDurationBound() ? 0 : spec.measuredRequests;
    m_progress.errorsThisLevel = 0;
    m_progress.levelElapsedS = 0.0;
    m_progress.liveTokensPerSecond = 0.0;
    m_progress.liveInputsPerSecond = 0.0;
    m_progress.timeline.clear();
    m_progress.stability = {};
    m_levelStartNs = startNs;
    m_finishedThisLevel = 0;
    m_e2eSumS = 0.0;
    m_e2eCount = 0;
    m_nextSecondNs = startNs + 1000000000;
    m_eventsAtSecond = contentEvents;
    m_recent.clear();
    m_recent.append({startNs, contentEvents, m_inputsDone});
}

void ProgressTracker::onRecord(const RequestRecord& record) {
    ++m_finishedThisLevel;
    if (!record.warmup)
        ++m_progress.requestsDone;
    if (record.embeddingInputs > 0) {
        m_progress.embeddings = true;
        if (record.ok())
            m_inputsDone += record.embeddingInputs;
    }
    if (!record.ok()) {
        ++m_progress.errors;
        ++m_progress.errorsThisLevel;
    } else if (record.tSendNs >= 0 && record.tEndNs >= record.tSendNs) {
        m_e2eSumS += double(record.tEndNs - record.tSendNs) / 1e9;
        ++m_e2eCount;
    }
}

void ProgressTracker::endLevel(qint64 nowNs) {
    m_progress.inFlight = 0;
    if (m_levelStartNs >= 0)
        m_progress.levelElapsedS = double(nowNs - m_levelStartNs) / 1e9;
}

void ProgressTracker::tick(qint64 nowNs, qint64 contentEvents, int inFlight) {
    m_progress.inFlight = inFlight;
    if (m_levelStartNs < 0)
        return;
    m_progress.levelElapsedS = double(nowNs - m_levelStartNs) / 1e9;

    m_recent.append({nowNs, contentEvents, m_inputsDone});
    while (m_recent.size() > 2 && m_recent.at(1).ns <= nowNs - 1000000000)
        m_recent.removeFirst();
    const Sample& oldest = m_recent.first();
    const double span = double(nowNs - oldest.ns) / 1e9;
    m_progress.liveTokensPerSecond =
        span > 0.0 ? double(contentEvents - oldest.contentEvents) / span : 0.0;
    m_progress.liveInputsPerSecond = span > 0.0 ? double(m_inputsDone - oldest.inputs) / span : 0.0;

    // One timeline point per whole second of the level (ticks are a few per second, so
    // a late tick attributes its tokens to the second it closes).
    while (nowNs >= m_nextSecondNs) {
        RunProgress::TimelinePoint point;
        point.secondsIntoLevel = double(m_nextSecondNs - m_levelStartNs) / 1e9;
        point.tokensPerSecond = double(contentEvents - m_eventsAtSecond);
        point.inFlight = inFlight;
        m_progress.timeline.append(point);
        m_eventsAtSecond = contentEvents;
        m_nextSecondNs += 1000000000;
    }
    m_progress.etaS = remainingSeconds(nowNs);
}

void ProgressTracker::setStability(const RunProgress::Stability& stability) {
    m_progress.stability = stability;
}

double ProgressTracker::estimateLevelSeconds(const LevelSpec& spec) const {
    const double e2e = m_e2eCount > 0 ? m_e2eSumS / m_e2eCount : m_lastLevelMeanE2eS;
    const double drain = std::max(0.0, e2e);
    if (spec.isDurationBound())
        return spec.durationS + drain;
    if (spec.isRate)
        return spec.totalRequests() / std::max(1e-9, spec.rate) + drain;
    if (e2e < 0.0)
        return -1.0;
    return e2e * spec.totalRequests() / std::max(1, spec.concurrency);
}

double ProgressTracker::remainingSeconds(qint64 nowNs) const {
    const int index = m_progress.levelIndex;
    if (index < 0 || index >= m_levels.size())
        return -1.0;
    const LevelSpec& spec = m_levels.at(index);
    const double elapsed = double(nowNs - m_levelStartNs) / 1e9;
    double current = -1.0;
    if (m_progress.stability.active && m_progress.stability.secondsLeft >= 0.0) {
        current = m_progress.stability.secondsLeft;
    } else if (spec.isDurationBound()) {
        const double e2e = m_e2eCount > 0 ? m_e2eSumS / m_e2eCount : 0.0;
        current = std::max(0.0, spec.durationS - elapsed) + e2e;
    } else if (m_finishedThisLevel > 0) {
        const int left = std::max(0, spec.totalRequests() - m_finishedThisLevel);
        current = elapsed / m_finishedThisLevel * left;
    } else {
        const double estimate = estimateLevelSeconds(spec);
        current = estimate < 0.0 ? -1.0 : std::max(0.0, estimate - elapsed);
    }
    if (current < 0.0)
        return -1.0;
    double total = current;
    for (qsizetype i = index + 1; i < m_levels.size(); ++i) {
        const double estimate = estimateLevelSeconds(m_levels.at(i));
        if (estimate < 0.0)
            return -1.0;
        total += estimate;
    }
    return total;
}

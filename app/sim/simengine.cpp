#include "sim/simengine.h"

#include "common/monotonicclock.h"
#include "sim/simconnection.h"
#include "sim/simdigest.h"
#include "sim/simembeddings.h"
#include "sim/simledger.h"
#include "sim/simnativeformat.h"
#include "sim/simsteptimer.h"

#include <algorithm>
#include <climits>

SimEngine::SimEngine(const SimConfig& config, SimLedger* ledger, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_ledger(ledger)
    , m_timer(new SimStepTimer(this))
    , m_jitter(config.seed ^ 0x6A09E667F3BCC908ULL)
    , m_prefixCache(config.prefixCacheBlocks) {
    connect(m_timer, &SimStepTimer::due, this, &SimEngine::onStepDue);
    m_scratch.reserve(4096);
}

SimEngine::~SimEngine() {
    // Shutdown: whatever is still queued or running ends here, counted as cancelled by the
    // server going away. The connections are being destroyed by the server too.
    const qint64 now = MonotonicClock::nowNs();
    for (auto& s : m_running) {
        if (!s->done)
            finish(s.get(), QStringLiteral("server_stopped"), now);
    }
    for (auto& s : m_queue) {
        if (!s->done)
            finish(s.get(), QStringLiteral("server_stopped"), now);
    }
}

void SimEngine::submit(std::unique_ptr<SimSequence> sequence) {
    m_ledger->enteredFlight();
    m_queue.push_back(std::move(sequence));
    if (!m_timer->isArmed() && !m_inStep) {
        // Idle engine: the first step starts now, at the arrival.
        m_inStep = true;
        startStep(MonotonicClock::nowNs(), false);
        m_inStep = false;
        removeDone();
    }
    publishLive();
}

void SimEngine::cancel(SimSequence* sequence, const QString& fault) {
    if (sequence->done)
        return;
    finish(sequence, fault, MonotonicClock::nowNs());
    if (!m_inStep) {
        removeDone();
        publishLive();
    }
}

void SimEngine::startStep(qint64 startNs, bool onSchedule) {
    admit(startNs, onSchedule, makeRoomForDecode());
    if (m_running.empty()) {
        m_stepEndNs = 0;
        if (!m_queue.empty()) // queued behind a late loop: start at the first arrival
            startStep(std::max(startNs, m_queue.front()->truth.arrivalNs), false);
        return;
    }
    const qint64 prefilled = schedulePrefill();
    double ms = m_config.stepMs(int(m_running.size())) +
                double(prefilled) * 1000.0 / m_config.prefillTokensPerS;
    if (m_config.jitterFraction > 0)
        ms *= 1.0 + m_config.jitterFraction * (2.0 * m_jitter.uniform() - 1.0);
    m_stepNs = std::max<qint64>(1, qint64(ms * 1e6));
    m_stepEndNs = startNs + m_stepNs;
    m_timer->armAt(m_stepEndNs);
}

qint64 SimEngine::makeRoomForDecode() {
    qint64 needed = m_kvHeld;
    int live = 0;
    for (const auto& s : m_running)
        live += s->done ? 0 : 1;
    needed += live;
    // A lone sequence always fits: the router refuses prompt + max_tokens beyond the cache.
    while (m_config.kvCacheTokens > 0 && needed > m_config.kvCacheTokens && live > 1) {
        std::unique_ptr<SimSequence> s = std::move(m_running.back());
        m_running.pop_back();
        if (s->done)
            continue;
        needed -= s->kvTokens() + 1;
        --live;
        leaveBatch(s.get());
        ++s->truth.preemptions;
        m_ledger->preempted();
        m_queue.push_front(std::move(s)); // first in line again, its stream left open
    }
    return needed;
}

void SimEngine::admit(qint64 startNs, bool onSchedule, qint64 kvNeeded) {
    // Admit in FIFO order into free slots; a request that arrived after the step's planned
    // start (the loop ran late) waits for the next step, so admission never precedes arrival.
    while (int(m_running.size()) < m_config.maxBatch && !m_queue.empty() &&
           m_queue.front()->truth.arrivalNs <= startNs) {
        SimSequence* next = m_queue.front().get();
        if (!next->done) {
            // Its tokens and the one this step adds; the queue waits behind a head that
            // does not fit (no overtaking, as vLLM's FCFS scheduler).
            const qint64 need = next->kvTokens() + 1;
            if (m_config.kvCacheTokens > 0 && kvNeeded + need > m_config.kvCacheTokens)
                break;
            kvNeeded += need;
        }
        std::unique_ptr<SimSequence> s = std::move(m_queue.front());
        m_queue.pop_front();
        if (s->done)
            continue;
        const bool first = s->truth.admittedNs < 0;
        if (first)
            s->truth.admittedNs = startNs;
        s->inBatch = true;
        m_kvHeld += s->kvTokens();
        lookupPrefix(s.get(), first);
        if (first && s->request.stream && s->format.hasPreamble()) {
            m_scratch.truncate(0);
            s->format.appendPreamble(&m_scratch, s->request.promptTokens);
            writeTo(s.get(), onSchedule ? startNs : -1, nullptr);
        }
        m_running.push_back(std::move(s));
    }
}

void SimEngine::lookupPrefix(SimSequence* s, bool firstAdmission) {
    const qint64 words = s->kvTokens(); // after a preemption, the answer so far is recomputed
    qint64 cached = 0;
    if (m_prefixCache.enabled()) {
        // The last word is always computed (its logits give the next token), so only the
        // blocks before it are looked up: vLLM caps a hit at prompt - 1 tokens.
        const int blockWords = m_config.prefixBlockWords;
        const std::vector<quint64>& blocks = s->request.prompt.blocks();
        const int queried = int(
            std::min<qint64>(std::max<qint64>(words - 1, 0) / blockWords, qint64(blocks.size())));
        const int hits = m_prefixCache.lookup(blocks, queried);
        cached = qint64(hits) * blockWords;
        m_ledger->prefixLookup(queried, hits, int(words), int(cached));
    }
    if (firstAdmission)
        s->truth.cachedWords = int(cached);
    s->prefillRemaining = int(words - cached);
}

qint64 SimEngine::schedulePrefill() {
    // Prefill in admission order, at most prefillChunkTokens per step when chunked.
    qint64 budget = m_config.prefillChunkTokens > 0 ? m_config.prefillChunkTokens : LLONG_MAX;
    qint64 prefilled = 0;
    for (auto& s : m_running) {
        if (budget == 0)
            break;
        if (s->prefillRemaining <= 0)
            continue;
        const qint64 take = std::min<qint64>(s->prefillRemaining, budget);
        s->prefillRemaining -= int(take);
        budget -= take;
        prefilled += take;
        // Computed by the end of this step: a request admitted at the next one finds them.
        if (s->prefillRemaining == 0)
            m_prefixCache.insert(s->request.prompt.blocks(),
                                 int(s->request.prompt.blocks().size()));
    }
    return prefilled;
}

void SimEngine::onStepDue() {
    const qint64 planned = m_stepEndNs;
    m_inStep = true;
    m_step.clear();
    for (auto& s : m_running) {
        if (!s->done && s->prefillRemaining == 0)
            advance(s.get(), planned);
    }
    removeDone();
    // Steps run back to back from their planned ends, so a late wake-up is made up by the
    // next step. But a step that ended more than a whole step behind cannot be made up:
    // its successor would be due at once and tokens would burst out. A real engine would
    // simply have run a longer step, so the schedule restarts from now (and it is counted).
    const qint64 now = MonotonicClock::nowNs();
    m_step.rescheduled = now - planned > m_stepNs;
    startStep(m_step.rescheduled ? now : planned, true);
    m_inStep = false;
    removeDone();
    m_ledger->recordStep(m_step);
    publishLive();
}

void SimEngine::strikeFault(SimSequence* s) {
    SimConnection* c = s->connection;
    const qint64 now = MonotonicClock::nowNs();
    switch (s->fault) {
    case SimSequence::Fault::Drop:
        finish(s, QStringLiteral("drop"), now);
        if (c)
            c->abortConnection(); // no terminating chunk: a reset mid-stream
        break;
    case SimSequence::Fault::ErrorEvent:
        finish(s, QStringLiteral("error_event"), now);
        if (c && s->request.stream) {
            m_scratch.truncate(0);
            s->format.appendErrorEnd(&m_scratch, "Simulated engine error mid-stream");
            if (c->write(m_scratch))
                c->responseComplete();
        } else if (c) {
            c->sendJson(500, SimNativeFormat::errorBody(
                                 s->request.kind, 500, "server_error",
                                 QStringLiteral("Simulated engine error during generation")));
        }
        break;
    case SimSequence::Fault::Stall:
        finish(s, QStringLiteral("stall"), now);
        if (c)
            c->stall();
        break;
    case SimSequence::Fault::None:
        break;
    }
}

bool SimEngine::advance(SimSequence* s, qint64 plannedNs) {
    SimConnection* c = s->connection;
    if (s->fault != SimSequence::Fault::None && s->truth.tokensSent == s->faultAfterTokens) {
        strikeFault(s);
        return false;
    }

    const int index = s->truth.tokensSent;
    ++s->truth.tokensSent;
    ++m_kvHeld;
    ++m_step.tokens;
    const bool last = s->truth.tokensSent >= s->truth.plannedTokens;
    const QByteArrayView reason = s->lengthEnd ? "length" : "stop";
    if (last)
        s->format.setDurations(durations(*s, index, plannedNs));
    if (s->request.stream) {
        m_scratch.truncate(0);
        if (last)
            s->format.appendLast(&m_scratch, index, s->lengthEnd, s->request.promptTokens,
                                 s->truth.tokensSent, s->request.includeUsage);
        else
            s->format.appendToken(&m_scratch, index);
    }
    qint64 now = MonotonicClock::nowNs(); // a non-streamed token is "sent" when generated
    if (s->request.stream) {
        if (!writeTo(s, plannedNs, &now))
            return false; // the client went away during the write: already finished
    } else if (last && c) {
        m_step.slipsNs.push_back(now - plannedNs);
        const QByteArray body =
            s->request.kind == SimGenRequest::Kind::Embeddings
                ? SimEmbeddings::body(s->truth.id, s->format.model(), s->request.inputs,
                                      s->request.promptTokens)
                : s->format.nonStreamBody(s->truth.tokensSent, reason, s->request.promptTokens);
        c->sendJson(200, body, {{"X-Request-Id", QByteArray::number(s->truth.id)}});
        if (s->done)
            return false;
    }
    recordToken(s, index, now);
    s->truth.plannedLastTokenNs = plannedNs;
    if (index == 0)
        s->truth.plannedFirstTokenNs = plannedNs;
    if (!last)
        return true;
    s->truth.finishReason = s->lengthEnd ? QStringLiteral("length") : QStringLiteral("stop");
    s->truth.answerDigest = SimDigest::answer(s->truth.id, s->truth.tokensSent);
    cacheAnswer(s);
    finish(s, QString(), MonotonicClock::nowNs()); // the response has been written
    if (c && s->request.stream)
        c->responseComplete();
    return false;
}

SimNativeFormat::Durations SimEngine::durations(const SimSequence& s, int lastIndex,
                                                qint64 plannedLastNs) {
    // The schedule's times (Ollama's own clock reads its compute, not our writes): waiting
    // for a slot, prefill up to the first token, decoding from it to the last.
    const SimRequestTruth& t = s.truth;
    const qint64 firstNs = lastIndex == 0 ? plannedLastNs : t.plannedFirstTokenNs;
    SimNativeFormat::Durations d;
    d.loadNs = std::max<qint64>(0, t.admittedNs - t.arrivalNs);
    d.promptEvalNs = std::max<qint64>(0, firstNs - t.admittedNs);
    d.evalNs = std::max<qint64>(0, plannedLastNs - firstNs);
    d.totalNs = std::max(d.loadNs + d.promptEvalNs + d.evalNs,
                         std::max<qint64>(0, MonotonicClock::nowNs() - t.arrivalNs));
    return d;
}

void SimEngine::recordToken(SimSequence* s, int index, qint64 nowNs) {
    if (index == 0) {
        s->truth.firstTokenNs = nowNs;
        m_step.timeToFirstToken.observe(double(nowNs - s->truth.arrivalNs) / 1e9);
        m_step.promptTokens += s->request.promptTokens; // vLLM counts a prompt at its first token
    } else {
        m_step.timePerOutputToken.observe(double(nowNs - s->truth.lastTokenNs) / 1e9);
    }
    s->truth.lastTokenNs = nowNs;
}

void SimEngine::cacheAnswer(SimSequence* s) {
    if (!m_prefixCache.enabled())
        return;
    // The answer's words continue the prompt's blocks: the next turn of a conversation
    // sends this history back and finds it cached, as vLLM keeps a finished request's blocks.
    SimPromptWords& words = s->request.prompt;
    for (int i = 0; i < s->truth.tokensSent; ++i)
        words.addText(SimStreamFormat::tokenText(s->truth.id, i));
    m_prefixCache.insert(words.blocks(), int(words.blocks().size()));
}

bool SimEngine::writeTo(SimSequence* s, qint64 plannedNs, qint64* sentNs) {
    SimConnection* c = s->connection;
    if (!c || s->done)
        return false;
    // The send time is when the bytes are handed to the kernel: before the call, so the
    // client can never see them earlier than the ground truth says they left.
    const qint64 now = MonotonicClock::nowNs();
    if (sentNs)
        *sentNs = now;
    if (plannedNs >= 0)
        m_step.slipsNs.push_back(now - plannedNs);
    return c->write(m_scratch) && !s->done;
}

void SimEngine::finish(SimSequence* s, const QString& fault, qint64 nowNs) {
    s->done = true;
    s->truth.finishedNs = nowNs;
    s->truth.fault = fault;
    leaveBatch(s);
    if (s->connection)
        s->connection->detachSequence(s);
    s->connection = nullptr;
    m_ledger->requestFinished(s->truth, fault.isEmpty(), true);
}

void SimEngine::leaveBatch(SimSequence* s) {
    if (!s->inBatch)
        return;
    s->inBatch = false;
    m_kvHeld -= s->kvTokens();
}

void SimEngine::removeDone() {
    m_running.erase(
        std::remove_if(m_running.begin(), m_running.end(), [](const auto& s) { return s->done; }),
        m_running.end());
    m_queue.erase(
        std::remove_if(m_queue.begin(), m_queue.end(), [](const auto& s) { return s->done; }),
        m_queue.end());
}

void SimEngine::publishLive() {
    SimLiveState live;
    live.running = int(m_running.size());
    live.queued = int(m_queue.size());
    live.kvTokensUsed = m_kvHeld;
    live.prefixCachedBlocks = m_prefixCache.size();
    live.prefixEvicted = m_prefixCache.evictions() - m_evictionsPublished;
    m_evictionsPublished = m_prefixCache.evictions();
    m_ledger->setLive(live);
}

#pragma once

#include "sim/simconfig.h"
#include "sim/simledger.h"
#include "sim/simprefixcache.h"
#include "sim/simrandom.h"
#include "sim/simsequence.h"

#include <QObject>
#include <deque>
#include <memory>
#include <vector>

class SimStepTimer;

// The continuous-batching step loop. Up to maxBatch sequences run together; the rest wait
// in a FIFO queue. Each step admits queued sequences into free slots, prefills their
// prompts, then emits one token to every running sequence whose prefill is complete:
//   step = (decodeBaseMs + decodePerSeqMs * running + prefilled tokens / prefill rate)
//          * (1 + jitter)
// Steps are back to back: the next one starts at the previous one's planned end, so the
// schedule is exact whatever the event loop's latency; the delay of each actual socket
// write behind its planned time is the schedule slip.
//
// A chat stream gets its role-only event when admitted (the start of its prefill) and its
// first content token at the end of that step, as a real server whose role chunk precedes
// the first token (TTFE < TTFT).
//
// Prefix cache (prefix_cache_blocks > 0): an admission looks the prompt's leading blocks up
// and prefills only the words after the cached ones; a prompt's blocks are stored when its
// prefill is scheduled (computed by the end of that step), the answer's with them when the
// request completes, so a conversation's next turn finds its history.
//
// KV cache (kv_cache_tokens > 0): a running sequence holds its prompt and generated tokens;
// each step reserves one more token for every running sequence. When they do not fit, the
// latest admitted is preempted (back to the head of the queue, to be recomputed: vLLM's
// default); a queued sequence is admitted only if it fits, and the queue waits behind it.
class SimEngine : public QObject {
    Q_OBJECT
public:
    SimEngine(const SimConfig& config, SimLedger* ledger, QObject* parent = nullptr);
    ~SimEngine() override;

    // Takes an accepted request (headers already sent for a stream). It is queued, and
    // admitted now if the engine is idle.
    void submit(std::unique_ptr<SimSequence> sequence);
    // The client went away: the sequence ends with fault (e.g. "client_disconnect").
    void cancel(SimSequence* sequence, const QString& fault);
    int queuedCount() const { return int(m_queue.size()); }
    int runningCount() const { return int(m_running.size()); }

private:
    void startStep(qint64 startNs, bool onSchedule);
    // Preempts the latest admitted sequences until every running one has room for the token
    // this step gives it. Returns the KV tokens the batch then needs (held + 1 each).
    qint64 makeRoomForDecode();
    void admit(qint64 startNs, bool onSchedule, qint64 kvNeeded);
    // Sets how much of what it holds s must prefill, after the prefix cache's hits.
    void lookupPrefix(SimSequence* s, bool firstAdmission);
    qint64 schedulePrefill(); // this step's prefill (chunked if configured): the words
    void onStepDue();
    // Emits this step's token (or fault) to one sequence. False: the sequence is done.
    bool advance(SimSequence* s, qint64 plannedNs);
    void strikeFault(SimSequence* s);
    // Ollama's server durations of a sequence about to send its last token (issue 14).
    static SimNativeFormat::Durations durations(const SimSequence& s, int lastIndex,
                                                qint64 plannedLastNs);
    void recordToken(SimSequence* s, int index, qint64 nowNs);
    void cacheAnswer(SimSequence* s);
    void finish(SimSequence* s, const QString& fault, qint64 nowNs);
    void leaveBatch(SimSequence* s);
    void removeDone();
    void publishLive();
    bool writeTo(SimSequence* s, qint64 plannedNs, qint64* sentNs);

    SimConfig m_config;
    SimLedger* m_ledger;
    SimStepTimer* m_timer;
    SimRandom m_jitter;
    std::deque<std::unique_ptr<SimSequence>> m_queue;
    std::vector<std::unique_ptr<SimSequence>> m_running;
    bool m_inStep = false;
    qint64 m_stepEndNs = 0; // planned end of the current step (when one is under way)
    qint64 m_stepNs = 0;    // planned length of the current step
    QByteArray m_scratch;   // the bytes of one socket write, reused
    SimStepRecord m_step;   // what the step under way did, for the ledger
    SimPrefixCache m_prefixCache;
    qint64 m_kvHeld = 0;             // KV tokens held by the sequences in the batch
    qint64 m_evictionsPublished = 0; // prefix-cache evictions already passed to the ledger
};

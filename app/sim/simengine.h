#pragma once

#include "simconfig.h"
#include "simrandom.h"
#include "simsequence.h"

#include <QObject>
#include <deque>
#include <memory>
#include <vector>

class SimLedger;
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
    void onStepDue();
    // Emits this step's token (or fault) to one sequence. False: the sequence is done.
    bool advance(SimSequence* s, qint64 plannedNs);
    void finish(SimSequence* s, const QString& fault, qint64 nowNs);
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
    std::vector<qint64> m_slips;
    qint64 m_stepTokens = 0;
};

#pragma once

#include "sim/simgenrequest.h"
#include "sim/simstats.h"
#include "sim/simstreamformat.h"

class SimConnection;

// One accepted generation request inside the engine: queued, then running in the batch.
struct SimSequence {
    enum class Fault { None, Drop, ErrorEvent, Stall };

    SimSequence(const SimGenRequest& r, const SimStreamFormat& f)
        : request(r)
        , format(f) {}

    SimRequestTruth truth;
    SimGenRequest request;
    SimStreamFormat format;
    SimConnection* connection = nullptr; // cleared (and the sequence cancelled) on disconnect
    Fault fault = Fault::None;
    int faultAfterTokens = 0; // the fault strikes when this many tokens were sent
    int prefillRemaining = 0; // prompt tokens not yet prefilled
    bool lengthEnd = false;   // the planned end is max_tokens: finish_reason "length"
    bool inBatch = false;     // admitted and holding KV cache (not queued, not finished)
    bool done = false;        // finished (any way): removed from the engine at a safe point

    // The KV-cache tokens it holds while in the batch, and the words a (re)admission must
    // prefill: its prompt and whatever it generated before a preemption.
    qint64 kvTokens() const { return qint64(request.promptTokens) + truth.tokensSent; }
};

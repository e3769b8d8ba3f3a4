#pragma once

#include "simgenrequest.h"
#include "simstats.h"
#include "simstreamformat.h"

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
    bool done = false;        // finished (any way): removed from the engine at a safe point
};

#pragma once

#include "record/requestrecord.h"
#include "transport/runcontext.h"

#include <memory>

// One request to execute, as a plain value handed to a network thread.
struct RequestJob {
    RequestRecord seed;      // id, level, warmup, tSchedNs already set
    quint64 promptIndex = 0; // PromptGenerator::prompt(promptIndex)
    int maxTokens = -1;      // -1: context->maxTokens (the calibration probe asks for 1)
    qint64 cookie = 0;       // echoed back with the record (closed loop: the worker slot)
    std::shared_ptr<const RunContext> context;
};

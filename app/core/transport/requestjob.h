#pragma once

#include "record/requestrecord.h"
#include "transport/runcontext.h"

#include <memory>
#include <optional>

// One request to execute, as a plain value handed to a network thread.
struct RequestJob {
    RequestRecord seed;           // id, level, warmup, tSchedNs already set
    quint64 promptIndex = 0;      // PromptGenerator::prompt(promptIndex)
    int maxTokens = -1;           // -1: context->maxTokens (the calibration probe asks for 1)
    std::optional<Prompt> prompt; // the workload's own prompt; none: prompts->prompt(index)
    qint64 cookie = 0;            // echoed back with the record (closed loop: the worker slot)
    // A conversation turn: return the answer text with the record (RequestRecord::answerText),
    // up to kMaxAnswerChars; other requests do not pay for collecting it.
    bool keepAnswer = false;
    static constexpr qsizetype kMaxAnswerChars = 1 << 20;
    std::shared_ptr<const RunContext> context;
};

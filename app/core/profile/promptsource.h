#pragma once

#include <QList>
#include <QString>

// Where prompts come from and how long answers should be.
struct PromptSource {
    enum class Kind { Synthetic, File };
    Kind kind = Kind::Synthetic;
    int inputTokens = 256;  // synthetic prompt target length
    int outputTokens = 128; // max_tokens
    bool calibrate = true;  // probe the server's usage.prompt_tokens to hit inputTokens
    // openai-embeddings (issue 14): inputs per request, each a prompt of its own (1..2048);
    // other flavors send one prompt and ignore it. More than one size sweeps them: every
    // level of the plan at each size in turn (profile/batchsizes.h).
    QList<int> batchSizes = {1};
    QString file; // JSONL: one prompt string, {"prompt":..} or {"messages":[..]} per line
    bool operator==(const PromptSource&) const = default;
};

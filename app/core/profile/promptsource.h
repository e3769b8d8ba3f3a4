#pragma once

#include <QString>

// Where prompts come from and how long answers should be.
struct PromptSource {
    enum class Kind { Synthetic, File };
    Kind kind = Kind::Synthetic;
    int inputTokens = 256;  // synthetic prompt target length
    int outputTokens = 128; // max_tokens
    bool calibrate = true;  // probe the server's usage.prompt_tokens to hit inputTokens
    QString file;           // JSONL: one prompt string, {"prompt":..} or {"messages":[..]} per line
    bool operator==(const PromptSource&) const = default;
};

#pragma once

#include "profile/lengthdistribution.h"

#include <QString>

// Synthetic multi-turn conversations: each has K turns (K drawn from `turns`), each turn a
// user message of `userWords` words and an answer of `answerTokens` tokens, asked for as
// max_tokens (the answer text the dataset would have is synthetic too: it stands in as
// history only where the server's real answer is missing).
struct SyntheticConversationOptions {
    static constexpr int kMaxTurns = 100;

    LengthDistribution turns = LengthDistribution::fixed(4);
    LengthDistribution userWords = LengthDistribution::fixed(128);
    LengthDistribution answerTokens = LengthDistribution::fixed(128);
    int systemWords = 0; // a system prompt of its own per conversation; 0: none

    QString validate() const; // "" when usable
    bool operator==(const SyntheticConversationOptions&) const = default;
};

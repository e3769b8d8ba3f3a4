#pragma once

#include "workload/conversation.h"
#include "workload/lengthsampler.h"
#include "workload/syntheticconversationoptions.h"

// Generates synthetic conversations by index (SyntheticConversationOptions): conversation
// i is the same for the same seed in any call order (its own random stream), so concurrent
// users can each ask for theirs. Feed them to ConversationRequestBuilder like a dataset's.
class SyntheticConversationGenerator {
public:
    SyntheticConversationGenerator(const SyntheticConversationOptions& options, quint64 seed);

    // User texts are synthetic prompts (PromptGenerator's), each turn's own; the reference
    // answer has answerTokens words, so ConversationRequestBuilder::outputTokens() asks for
    // that many tokens.
    Conversation conversation(quint64 index) const;

private:
    SyntheticConversationOptions m_options;
    quint64 m_seed;
    LengthSampler m_turns;
    LengthSampler m_userWords;
    LengthSampler m_answerTokens;
};

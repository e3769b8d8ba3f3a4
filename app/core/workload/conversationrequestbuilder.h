#pragma once

#include "workload/conversation.h"
#include "workload/workloadrequestspec.h"

#include <QStringList>

// Turns a Conversation into the request of one turn. Turn k sends the system prompt, then
// for every earlier turn its user text and the assistant's answer, then turn k's user text.
// The answers are what the server actually said (the engine keeps them per user), so the
// history the server sees is the one it produced; where an answer is missing (the engine
// replays without waiting, or a turn failed), the dataset's reference answer stands in.
class ConversationRequestBuilder {
public:
    // turn: 0 <= turn < conversation.turns.size(); answers[i]: the answer to turn i.
    static WorkloadRequestSpec build(const Conversation& conversation, int turn,
                                     const QStringList& answers, qint64 conversationId);
    // Output tokens to ask for on `turn`: the entry's max_tokens when it has one, else the
    // words of the turn's reference answer, else -1 (the run's default).
    static int outputTokens(const Conversation& conversation, int turn);
};

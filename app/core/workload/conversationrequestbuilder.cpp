#include "workload/conversationrequestbuilder.h"

#include "protocol/promptgenerator.h"

WorkloadRequestSpec ConversationRequestBuilder::build(const Conversation& conversation, int turn,
                                                      const QStringList& answers,
                                                      qint64 conversationId) {
    using Role = WorkloadMessage::Role;
    WorkloadRequestSpec spec;
    if (turn < 0 || turn >= conversation.turns.size())
        return spec;
    if (!conversation.system.isEmpty())
        spec.messages.append({Role::System, conversation.system});
    for (int i = 0; i < turn; ++i) {
        spec.messages.append({Role::User, conversation.turns[i].user});
        spec.messages.append(
            {Role::Assistant, i < answers.size() ? answers[i] : conversation.turns[i].reference});
    }
    spec.messages.append({Role::User, conversation.turns[turn].user});
    spec.countWords();
    spec.maxTokens = outputTokens(conversation, turn);
    spec.conversationId = conversationId;
    spec.turnIndex = turn;
    spec.sourceIndex = conversation.sourceIndex;
    return spec;
}

int ConversationRequestBuilder::outputTokens(const Conversation& conversation, int turn) {
    if (conversation.maxTokens > 0)
        return conversation.maxTokens;
    if (turn < 0 || turn >= conversation.turns.size())
        return -1;
    const int words = PromptGenerator::wordCount(conversation.turns[turn].reference);
    return words > 0 ? words : -1;
}

#include "workload/conversation.h"

#include "protocol/promptgenerator.h"

int Conversation::promptWords() const {
    const int first = turns.isEmpty() ? 0 : PromptGenerator::wordCount(turns.first().user);
    return PromptGenerator::wordCount(system) + first;
}

int Conversation::referenceWords() const {
    return turns.isEmpty() ? 0 : PromptGenerator::wordCount(turns.first().reference);
}

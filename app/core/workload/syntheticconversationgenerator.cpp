#include "workload/syntheticconversationgenerator.h"

#include "protocol/promptgenerator.h"
#include "workload/synthetictext.h"

#include <algorithm>

namespace {
constexpr quint64 kUserSalt = 0x1F83D9ABFB41BD6Bull;
constexpr quint64 kAnswerSalt = 0x5BE0CD19137E2179ull;
constexpr quint64 kSystemSalt = 0xCBBB9D5DC1059ED8ull;

QString userText(quint64 seed, int words, quint64 stream) {
    PromptSource source;
    source.kind = PromptSource::Kind::Synthetic;
    source.inputTokens = words;
    return PromptGenerator(source, seed).prompt(stream).text;
}
} // namespace

SyntheticConversationGenerator::SyntheticConversationGenerator(
    const SyntheticConversationOptions& options, quint64 seed)
    : m_options(options)
    , m_seed(seed)
    , m_turns(options.turns, seed)
    , m_userWords(options.userWords, seed)
    , m_answerTokens(options.answerTokens, seed) {}

Conversation SyntheticConversationGenerator::conversation(quint64 index) const {
    SeededRandom random(SeededRandom::mix(m_seed, index));
    const int turns =
        std::clamp(m_turns.sample(random), 1, SyntheticConversationOptions::kMaxTurns);
    Conversation c;
    if (m_options.systemWords > 0)
        c.system = SyntheticText::words(SeededRandom::mix(m_seed ^ kSystemSalt, index),
                                        m_options.systemWords);
    for (int k = 0; k < turns; ++k) {
        const quint64 stream = index * SyntheticConversationOptions::kMaxTurns + quint64(k);
        const int userWords = m_userWords.sample(random);
        const int answerWords = m_answerTokens.sample(random);
        c.turns.append(
            {userText(m_seed ^ kUserSalt, userWords, stream),
             SyntheticText::words(SeededRandom::mix(m_seed ^ kAnswerSalt, stream), answerWords)});
    }
    return c;
}

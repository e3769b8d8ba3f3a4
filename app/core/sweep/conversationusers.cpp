#include "sweep/conversationusers.h"

#include "workload/conversationrequestbuilder.h"
#include "workload/seededrandom.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace {
constexpr quint64 kThinkSalt = 0x510E527FADE682D1ull;
} // namespace

ConversationUsers::ConversationUsers(const WorkloadSettings::Conversations& settings, quint64 seed)
    : m_settings(settings)
    , m_seed(seed) {}

ConversationUsers::ConversationUsers(QList<Conversation> dataset,
                                     const WorkloadSettings::Conversations& settings, quint64 seed)
    : ConversationUsers(settings, seed) {
    m_dataset = std::move(dataset);
}

ConversationUsers::ConversationUsers(const SyntheticConversationOptions& synthetic,
                                     const WorkloadSettings::Conversations& settings, quint64 seed)
    : ConversationUsers(settings, seed) {
    m_synthetic.emplace(synthetic, seed);
}

void ConversationUsers::beginLevel() {
    m_users.clear(); // levels drain first: no user has a request in flight here
    m_started = 0;
    m_completed = 0;
}

// Conversation `index` of the run: the dataset's entries in turn (capped at `turns`), or
// the synthetic generator's.
Conversation ConversationUsers::conversation(quint64 index) const {
    Conversation c =
        m_synthetic
            ? m_synthetic->conversation(index)
            : m_dataset.at(qsizetype(index % quint64(std::max<qsizetype>(1, m_dataset.size()))));
    if (c.turns.size() > m_settings.turns)
        c.turns.resize(m_settings.turns);
    return c;
}

WorkloadRequestSpec ConversationUsers::next(int user) {
    User& u = m_users[user];
    if (!u.active) {
        u = User{};
        u.id = m_nextConversation++;
        u.conversation = conversation(quint64(u.id));
        u.active = true;
        ++m_started;
    }
    return ConversationRequestBuilder::build(u.conversation, u.turn, u.answers, u.id);
}

void ConversationUsers::onFinished(int user, const RequestRecord& record) {
    const auto it = m_users.find(user);
    if (it == m_users.end())
        return;
    User& u = it.value();
    u.thinkNs = 0;
    if (!u.active || record.conversationId != u.id || record.turnIndex != u.turn)
        return;
    if (!record.ok() || record.answerCut) {
        u.active = false; // the next turn's history would not be what the server said
        return;
    }
    u.answers.append(record.answerText);
    ++u.turn;
    if (u.turn >= u.conversation.turns.size()) {
        u.active = false;
        ++m_completed;
        return;
    }
    u.thinkNs = drawThinkNs(u.id, u.turn);
}

qint64 ConversationUsers::takeThinkNs(int user) {
    const auto it = m_users.find(user);
    if (it == m_users.end())
        return 0;
    return std::exchange(it.value().thinkNs, 0);
}

// Fixed, or exponential with that mean (inverse transform of one seeded uniform per
// conversation and turn, so a rerun thinks the same), capped at the profile's bound.
qint64 ConversationUsers::drawThinkNs(qint64 conversationId, int turn) const {
    const double meanMs = m_settings.thinkTimeMs;
    if (meanMs <= 0.0)
        return 0;
    double ms = meanMs;
    if (m_settings.thinkTimeExponential) {
        SeededRandom random(SeededRandom::mix(
            SeededRandom::mix(m_seed ^ kThinkSalt, quint64(conversationId)), quint64(turn)));
        ms =
            std::min(-meanMs * std::log(random.uniformOpen01()), WorkloadSettings::kMaxThinkTimeMs);
    }
    return qint64(std::llround(ms * 1e6));
}

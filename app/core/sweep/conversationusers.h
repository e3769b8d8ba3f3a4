#pragma once

#include "profile/workloadsettings.h"
#include "record/requestrecord.h"
#include "workload/conversation.h"
#include "workload/syntheticconversationgenerator.h"
#include "workload/workloadrequestspec.h"

#include <QHash>
#include <QStringList>
#include <optional>

// The users of a conversation workload (issue 16). A closed-loop level's workers are its
// concurrent users: each (keyed by its worker slot) runs one conversation after another.
// Turn k sends the system prompt and the whole history, where the assistant messages are
// the answers the server actually streamed to turns 0..k-1; after an answer the user thinks
// (fixed or exponential, seeded per conversation and turn) before the next turn. A failed
// turn, or an answer cut at RequestJob::kMaxAnswerChars, ends the conversation (its history
// would be false) and the user starts the next one. Conversations come from a dataset (each
// entry's own turns, capped at `turns`) or are synthetic. Engine thread only.
class ConversationUsers {
public:
    // From a dataset's entries (not empty).
    ConversationUsers(QList<Conversation> dataset, const WorkloadSettings::Conversations& settings,
                      quint64 seed);
    // Synthetic conversations (options already validated).
    ConversationUsers(const SyntheticConversationOptions& synthetic,
                      const WorkloadSettings::Conversations& settings, quint64 seed);

    // A level begins: every user starts a new conversation; the level's counts restart.
    void beginLevel();
    // The request `user` sends now: its conversation's next turn (a new conversation when it
    // has none going).
    WorkloadRequestSpec next(int user);
    // `user`'s request finished: keeps the answer (or ends the conversation) and decides the
    // think time before its next request (takeThinkNs).
    void onFinished(int user, const RequestRecord& record);
    // The pause before `user`'s next request, in ns (0: none, e.g. a new conversation).
    qint64 takeThinkNs(int user);

    int started() const { return m_started; }     // this level
    int completed() const { return m_completed; } // this level: every turn answered

private:
    struct User {
        Conversation conversation;
        qint64 id = -1;
        int turn = 0; // the turn sent next (or in flight)
        QStringList answers;
        bool active = false;
        qint64 thinkNs = 0;
    };

    ConversationUsers(const WorkloadSettings::Conversations& settings, quint64 seed);
    Conversation conversation(quint64 index) const;
    qint64 drawThinkNs(qint64 conversationId, int turn) const;

    WorkloadSettings::Conversations m_settings;
    quint64 m_seed = 0;
    QList<Conversation> m_dataset;
    std::optional<SyntheticConversationGenerator> m_synthetic;
    QHash<int, User> m_users;
    qint64 m_nextConversation = 0; // run-wide: conversation ids never repeat in a run
    int m_started = 0;
    int m_completed = 0;
};

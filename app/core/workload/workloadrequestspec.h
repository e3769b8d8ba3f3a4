#pragma once

#include "protocol/prompt.h"

#include <QJsonArray>
#include <QList>
#include <QString>

// One message of a request's chat history.
struct WorkloadMessage {
    enum class Role { System, User, Assistant };
    Role role = Role::User;
    QString content;

    static QString roleName(Role role); // "system", "user", "assistant"
    bool operator==(const WorkloadMessage&) const = default;
};

// What one request of a workload sends and how it is labelled in the results: produced by
// the dataset, conversation, shared-prefix and trace pieces, consumed by the engine.
// Chat flavors send `messages`; completion flavors send promptText().
struct WorkloadRequestSpec {
    QList<WorkloadMessage> messages; // whole history, in order; the last one is the user's
    int inputWords = 0;              // words of every message (the simulator's count)
    int maxTokens = -1;              // output tokens to ask for; -1: the run's default
    qint64 conversationId = -1;      // -1: not part of a conversation
    int turnIndex = 0;               // 0-based turn within the conversation
    int prefixGroup = -1;            // shared-prefix group; -1: none
    qint64 sourceIndex = -1;         // dataset entry / trace line it came from; -1: synthetic
    double dueMs = -1.0;             // trace replay: when it is due, ms from the start; -1: now

    // A spec with one user message (and a system prompt when `system` is not empty).
    static WorkloadRequestSpec fromText(const QString& user, const QString& system = {});
    // Recounts inputWords from the messages.
    void countWords();
    // The messages' contents joined by blank lines: the prompt for completion endpoints.
    QString promptText() const;
    // [{"role": ..., "content": ...}, ...]
    QJsonArray messagesJson() const;
    // The engine's Prompt (messages, text and the word count as the token estimate).
    Prompt toPrompt() const;
    bool operator==(const WorkloadRequestSpec&) const = default;
};

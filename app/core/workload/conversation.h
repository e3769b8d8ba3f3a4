#pragma once

#include <QList>
#include <QString>

// One turn: what the user says, and the answer the dataset recorded for it.
struct ConversationTurn {
    QString user;
    QString reference; // the dataset's assistant answer; "" when it has none
    bool operator==(const ConversationTurn&) const = default;
};

// A dataset entry: an optional system prompt and ordered turns (at least one, each with
// user text). A single-turn workload sends the system prompt and the first user text; a
// multi-turn one sends turn k with the whole history (ConversationRequestBuilder), where
// the assistant messages are what the server actually answered.
struct Conversation {
    QString system;
    QList<ConversationTurn> turns;
    int maxTokens = -1;      // output tokens the entry asks for (max_tokens ...); -1: none
    qint64 sourceIndex = -1; // where it came from: entry number (1-based) or line number

    // Words as the simulator counts them (whitespace-separated), for filters and histograms.
    int promptWords() const;    // system prompt + first user text: a single-turn request
    int referenceWords() const; // the first turn's answer
    bool operator==(const Conversation&) const = default;
};

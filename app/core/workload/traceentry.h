#pragma once

#include "workload/conversation.h"

#include <QList>

// One request of a trace. Either lengths (the Mooncake layout: input_length tokens, whose
// prompt is made of shared blocks named by hash_ids) or a conversation (messages / prompt).
struct TraceEntry {
    double timestampMs = 0.0;  // when it is due, from the trace's start
    int inputLength = -1;      // prompt tokens; -1 when the entry carries its text
    int outputLength = -1;     // output tokens to ask for; -1: not given
    QList<quint64> hashIds;    // prompt blocks: equal ids mean equal content (a cached prefix)
    Conversation conversation; // the text, when the entry has messages or a prompt
    qint64 line = 0;           // line number in the file
    bool operator==(const TraceEntry&) const = default;
};

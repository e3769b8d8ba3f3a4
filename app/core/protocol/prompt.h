#pragma once

#include <QJsonArray>
#include <QString>
#include <QStringList>

// One prompt to send. Chat flavors send `messages` (or a single user message built from
// `text` when messages is empty); completion flavors send `text`.
struct Prompt {
    QString text;
    QJsonArray messages;
    int estimatedTokens = 0; // generator's estimate, used when the server reports no usage
    // openai-embeddings with a batch size above 1: every input of the request, text first
    // (estimatedTokens is then their sum). Empty: the one input is text.
    QStringList batchInputs;
};

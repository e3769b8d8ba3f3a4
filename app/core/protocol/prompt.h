#pragma once

#include <QJsonArray>
#include <QString>

// One prompt to send. Chat flavors send `messages` (or a single user message built from
// `text` when messages is empty); completion flavors send `text`.
struct Prompt {
    QString text;
    QJsonArray messages;
    int estimatedTokens = 0; // generator's estimate, used when the server reports no usage
};

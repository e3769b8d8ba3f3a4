#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// Short digests of texts for the simulator's ground truth (issue 16): the answer a request
// was given and the assistant messages of the history it sent, so a test can check that
// turn k of a conversation carried exactly the answers turns 0..k-1 were given, without
// the ground truth holding the texts themselves.
class SimDigest {
public:
    // 16 hex digits of the text's SHA-256 (UTF-8 bytes).
    static QString of(QByteArrayView utf8);
    // The answer of request `id` with `tokens` output tokens: its tokens' texts, joined as
    // the client receives them (SimStreamFormat::tokenText).
    static QString answer(quint64 id, int tokens);
    // Digests of the string contents of the "assistant" messages of a chat body, in order.
    static QStringList assistantMessages(const QJsonObject& body);
};

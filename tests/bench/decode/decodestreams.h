#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// The streams bench_decode feeds: real llama.cpp bytes (tests/data/samples) and longer
// ones built from them, so that a stream has a steady state after its first events.
struct DecodeStream {
    QString name;
    QString flavorId;         // ApiFlavor::create id
    QList<QByteArray> events; // each one event's complete SSE text, blank line included
};

namespace DecodeStreams {
// The sample file cut into events; empty if it cannot be read.
DecodeStream fromSample(const QString& name, const QString& flavorId, const QString& path);
// `sample` with its first event containing `deltaMarker` repeated until the stream holds
// `contentEvents` of them: the real shape, at a realistic length.
DecodeStream lengthened(const DecodeStream& sample, const QByteArray& deltaMarker,
                        int contentEvents);
// A llama.cpp-shaped OpenAI chat stream: role chunk, `tokens` one-word content chunks,
// the finish chunk, the usage chunk, [DONE].
DecodeStream syntheticChat(int tokens);
} // namespace DecodeStreams

#include "decodestreams.h"

#include <QFile>

DecodeStream DecodeStreams::fromSample(const QString& name, const QString& flavorId,
                                       const QString& path) {
    DecodeStream stream{name, flavorId, {}};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return stream;
    const QByteArray bytes = file.readAll();
    for (const QByteArray& piece : bytes.split('\n')) {
        // Lines regrouped into events: an empty line ends one.
        if (stream.events.isEmpty() || stream.events.last().endsWith("\n\n"))
            stream.events.append(QByteArray());
        stream.events.last() += piece + '\n';
    }
    while (!stream.events.isEmpty() && stream.events.last().trimmed().isEmpty())
        stream.events.removeLast();
    if (!stream.events.isEmpty() && !stream.events.last().endsWith("\n\n"))
        stream.events.last() += '\n';
    return stream;
}

DecodeStream DecodeStreams::lengthened(const DecodeStream& sample, const QByteArray& deltaMarker,
                                       int contentEvents) {
    DecodeStream stream{
        sample.name + QStringLiteral(" x%1").arg(contentEvents), sample.flavorId, {}};
    int deltas = 0;
    for (const QByteArray& event : sample.events)
        deltas += event.contains(deltaMarker) ? 1 : 0;
    bool repeated = false;
    for (const QByteArray& event : sample.events) {
        stream.events.append(event);
        if (!repeated && event.contains(deltaMarker)) {
            repeated = true;
            for (int i = deltas; i < contentEvents; ++i)
                stream.events.append(event);
        }
    }
    return stream;
}

DecodeStream DecodeStreams::syntheticChat(int tokens) {
    static const char* const kWords[] = {" the",  " quick", " brown", " fox", " jumps",
                                         " over", " a",     " lazy",  " dog", "."};
    const QByteArray tail =
        R"(],"created":1795540396,"id":"chatcmpl-HFlh2ZtkZRCJSZ6TJp6FovuicReG2ZPW","model":"tiny-llama.gguf","system_fingerprint":"b1-de3ff81","object":"chat.completion.chunk")";
    const auto chunk = [&](const QByteArray& choice,
                           const QByteArray& extra = QByteArray()) -> QByteArray {
        return "data: {\"choices\":[" + choice + tail + extra + "}\n\n";
    };
    DecodeStream stream{
        QStringLiteral("synthetic chat %1").arg(tokens), QStringLiteral("openai-chat"), {}};
    stream.events.append(
        chunk(R"({"finish_reason":null,"index":0,"delta":{"role":"assistant","content":null}})"));
    for (int i = 0; i < tokens; ++i)
        stream.events.append(chunk(R"({"finish_reason":null,"index":0,"delta":{"content":")" +
                                   QByteArray(kWords[i % 10]) + "\"}}"));
    stream.events.append(chunk(R"({"finish_reason":"length","index":0,"delta":{}})"));
    stream.events.append(chunk(
        QByteArray(),
        ",\"usage\":{\"completion_tokens\":" + QByteArray::number(tokens) +
            ",\"prompt_tokens\":31,\"total_tokens\":" + QByteArray::number(tokens + 31) + "}"));
    stream.events.append("data: [DONE]\n\n");
    return stream;
}

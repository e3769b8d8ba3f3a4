#pragma once

#include "protocol/apiflavor.h"

#include <QJsonObject>

// The OpenAI Responses API ("openai-responses"): POST {base}/v1/responses with `input` (the
// messages) and `max_output_tokens`, bearer auth. Also served by vLLM and llama.cpp's
// server. Events are typed by their JSON "type":
//   response.output_item.added / response.content_part.added   first output event (TTFE)
//   response.output_text.delta                                 content
//   response.reasoning_text.delta, response.reasoning_summary_text.delta
//                                                              reasoning (counts for TTFT)
//   response.function_call_arguments.delta                     a tool call's output
//   response.completed                                         usage; the end ("stop")
//   response.incomplete                                        usage; the end: "length" for
//                         max_output_tokens, "content_filter" for it; another reason fails
//   response.failed, error                                     stream error events
// Other types (created, in_progress, *.done, ...) carry nothing the metrics count.
class OpenAiResponsesFlavor : public ApiFlavor {
public:
    static QString staticId() { return QStringLiteral("openai-responses"); }
    QString id() const override { return staticId(); }
    QString displayName() const override { return QStringLiteral("OpenAI Responses"); }
    QNetworkRequest buildRequest(const EndpointConfig& endpoint,
                                 const QString& apiKey) const override;
    QByteArray buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                         int maxTokens) const override;
    // ResponsesScanner's fast path, falling back to decodeReference for anything unusual.
    StreamEvent decodePayload(const QByteArray& payload) const override;
    StreamEvent decodeWithoutText(const QByteArray& payload) const override;
    // The same through QJsonDocument: the definition of the result (tests and the fuzzer
    // check the fast path against it).
    static StreamEvent decodeReference(const QByteArray& payload);
    // Hosted OpenAI refuses unknown fields; ignore_eos reaches vLLM only through extraBody.
    bool supportsExactOutput() const override { return false; }

    static QUrl requestUrl(const QUrl& url);

    // The event types whose "delta" is generated output.
    static constexpr const char* kContentDeltaTypes[] = {
        "response.output_text.delta", "response.reasoning_text.delta",
        "response.reasoning_summary_text.delta", "response.function_call_arguments.delta"};
    // An incomplete response's finish reason ("length", "content_filter") from its
    // incomplete_details.reason; empty for a reason that makes it a failure.
    static QString incompleteFinishReason(const QString& reason);

private:
    static void readEnd(const QString& type, const QJsonObject& response, StreamEvent* event);
};

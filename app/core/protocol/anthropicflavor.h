#pragma once

#include "protocol/apiflavor.h"

#include <QJsonObject>

// Anthropic Messages API ("anthropic"): POST {base}/v1/messages with `x-api-key` and
// `anthropic-version: 2023-06-01`. Also served by llama.cpp's server, Databricks (Claude
// models) and AWS-compatible gateways. The system prompt is the top-level "system" field,
// not a message. The stream's events are typed by their JSON "type":
//   message_start        input usage (input_tokens + the cache's tokens)
//   content_block_start  the first output event (TTFE), content when it carries text
//   content_block_delta  text_delta (content), thinking_delta (reasoning: counts for TTFT
//                        as OpenAI's reasoning_content does), input_json_delta (tool call)
//   message_delta        stop_reason (the finish reason) and output usage
//   message_stop         the end ([DONE]'s counterpart)
//   ping                 ignored; error: a stream error event
// Unknown types are ignored (the API adds event types; they carry no output we count).
// No documented way to force the output length: supportsExactOutput() is false.
class AnthropicFlavor : public ApiFlavor {
public:
    static QString staticId() { return QStringLiteral("anthropic"); }
    static constexpr const char* kApiVersion = "2023-06-01";
    QString id() const override { return staticId(); }
    QString displayName() const override { return QStringLiteral("Anthropic Messages"); }
    QNetworkRequest buildRequest(const EndpointConfig& endpoint,
                                 const QString& apiKey) const override;
    QByteArray buildBody(const EndpointConfig& endpoint, const Prompt& prompt,
                         int maxTokens) const override;
    // AnthropicScanner's fast path, falling back to decodeReference for anything unusual.
    StreamEvent decodePayload(const QByteArray& payload) const override;
    StreamEvent decodeWithoutText(const QByteArray& payload) const override;
    // The same through QJsonDocument: the definition of the result (tests and the fuzzer
    // check the fast path against it).
    static StreamEvent decodeReference(const QByteArray& payload);
    bool supportsExactOutput() const override { return false; }

    // A base URL gets /v1/messages (or /messages after a version segment); a URL that
    // already ends in /messages is used as is.
    static QUrl requestUrl(const QUrl& url);
    // stop_reason in OpenAI's words: end_turn/stop_sequence → stop, max_tokens → length,
    // tool_use → tool_calls, refusal → content_filter; others as sent.
    static QString finishReason(const QString& stopReason);
    // The prompt's tokens from a usage object's counts (-1: absent): input_tokens leaves
    // out what the prompt cache wrote or read, so the prompt is all three (at most INT_MAX);
    // -1 without input_tokens.
    static int promptTokens(int input, int cacheCreation, int cacheRead);

private:
    static void readDelta(const QJsonObject& object, StreamEvent* event);
    static void readUsage(const QJsonObject& usage, StreamEvent* event);
};

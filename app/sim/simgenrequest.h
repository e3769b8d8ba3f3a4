#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

// A generation request as the engine sees it, read from the JSON body.
//
// Tokenisation (the simulator has no vocabulary): a token is a whitespace-separated word.
// Chat: the sum over every message's content (a string, or an array of {"type":"text",
// "text":...} parts). Completions: the prompt string, the sum over an array of strings, or
// the length of an array of token ids. usage.prompt_tokens reports exactly this count; the
// generated text is one word per output token, so it counts back the same way.
struct SimGenRequest {
    enum class Kind { Chat, Completion };
    Kind kind = Kind::Chat;
    bool stream = false;
    bool includeUsage = false;
    bool maxTokensGiven = false; // finish_reason "length" when given, else "stop"
    int maxTokens = 0;
    int promptTokens = 0;
    QString model;

    // Parses body for kind. On failure returns false and sets error (a message for the
    // 400 invalid_request_error body).
    static bool parse(const QByteArray& body, Kind kind, int defaultMaxTokens, SimGenRequest* out,
                      QString* error);
    static int countWords(const QString& text);
};

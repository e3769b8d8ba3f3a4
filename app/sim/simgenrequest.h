#pragma once

#include "sim/simpromptwords.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

// A generation request as the engine sees it, read from the JSON body.
//
// Tokenisation (the simulator has no vocabulary): a token is a whitespace-separated word,
// counted by SimPromptWords. Chat: every message's content in order, the system prompt and
// the assistant turns of the history included (a string, or an array of {"type":"text",
// "text":...} parts). Completions: the prompt string, the strings of an array in order, or
// one word per token id. usage.prompt_tokens reports exactly this count; the generated text
// is one word per output token, so it counts back the same way.
//
// The native protocols (issue 14) read their own shapes: Anthropic (`system` + `messages`,
// `max_tokens` required), OpenAI Responses (`instructions` + `input` as a string or
// messages, `max_output_tokens`), TGI (`inputs`, `parameters.max_new_tokens`, always a
// stream, usage with `parameters.details`) and Ollama (`messages`, `options.num_predict`,
// a stream unless `"stream": false`). Those report usage always (TGI: with details).
struct SimGenRequest {
    enum class Kind { Chat, Completion, Anthropic, Responses, Tgi, Ollama, Embeddings };
    Kind kind = Kind::Chat;
    bool stream = false;
    bool includeUsage = false;
    bool maxTokensGiven = false; // finish_reason "length" when given, else "stop"
    int maxTokens = 0;
    int promptTokens = 0;
    // vLLM's sampling options that forbid an early end: never stop before max_tokens
    // (ignore_eos) or before min_tokens.
    bool ignoreEos = false;
    int minTokens = 0;
    QString model;
    int inputs = 0;               // embeddings (SimEmbeddings): the inputs of the batch
    int longestInput = 0;         // embeddings: the words of the longest input
    SimPromptWords prompt;        // the prompt's words, with block hashes when the cache is on
    QStringList assistantDigests; // SimDigest of each assistant message of a chat history

    // Parses body for kind. On failure returns false and sets error (a message for the
    // 400 invalid_request_error body). blockWords > 0: the prompt's block hashes too.
    static bool parse(const QByteArray& body, Kind kind, int defaultMaxTokens, SimGenRequest* out,
                      QString* error, int blockWords = 0);
    static int countWords(const QString& text) { return SimPromptWords::count(text); }
};

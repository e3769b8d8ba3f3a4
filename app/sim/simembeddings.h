#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

struct SimGenRequest;

// The simulator's OpenAI embeddings route (/v1/embeddings, issue 14). The same engine model
// as generation, prefill only: a request is one sequence whose prompt is every input's words
// (prefilled at prefill_tokens_per_s, chunked like any prompt) and which ends at the end of
// the step that completes its prefill (the pooling step, one step time), with one JSON body:
// a `data` entry per input (a small deterministic vector) and usage.prompt_tokens = the
// words of all inputs. Error shapes, OpenAI's JSON: 400 for a missing or empty `input`, a
// wrong type or more than kMaxInputs inputs; 413 for an input longer than kMaxInputTokens.
class SimEmbeddings {
public:
    static constexpr int kMaxInputs = 2048;
    static constexpr int kMaxInputTokens = 8192; // OpenAI's limit per input
    static constexpr int kDimensions = 8;        // small: the answer's size is not the test

    // `input` of o (a string or an array of strings) into r (prompt, inputs, longestInput).
    static bool read(const QJsonObject& o, SimGenRequest* r, QString* error);
    // The 413 message when an input is too long, else empty.
    static QString tooLong(const SimGenRequest& r);
    static QByteArray body(quint64 id, const QString& model, int inputs, int promptTokens);
};

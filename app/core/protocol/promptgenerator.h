#pragma once

#include "profile/promptsource.h"
#include "protocol/prompt.h"

#include <QList>
#include <QString>

// Produces the prompts of a run: synthetic ones of a target token length (deterministic
// for a seed, and varied from the first words on so prefix caches do not flatter the
// endpoint), or prompts read from a JSONL file, cycled. A JSONL line is a prompt string,
// a messages array, or an object with "prompt", "text" or "messages".
class PromptGenerator {
public:
    PromptGenerator(const PromptSource& source, quint64 seed);

    // False (with a clear message) if the file is missing or has no usable line.
    bool load(QString* error);
    // Prompt number `index` (stable: same index, same prompt). Thread-safe (const).
    Prompt prompt(quint64 index) const;

    // Single-factor calibration: after a probe, the server said a prompt we estimated at
    // `estimated` tokens has `actual`; scale future synthetic prompts so they hit the
    // target. Assumes no fixed overhead (resets it to 0).
    void calibrate(int estimated, int actual);
    // Server tokens per prompt word (the slope of the fit, or the single factor).
    double calibrationFactor() const;

    // Two-point calibration: a chat template adds a fixed number of tokens to every
    // prompt, so one factor overshoots short targets and undershoots long ones. From two
    // probes of `wordsA` and `wordsB` words that the server counted as `tokensA` and
    // `tokensB`, fits tokens = overhead + slope * words, and sizes synthetic prompts so
    // the server's count hits the target. False (state unchanged) if the fit is degenerate:
    // equal lengths, a non-positive or absurd slope (outside 0.1..10 tokens per word), or
    // an overhead that makes no sense (negative beyond half the shorter probe).
    bool calibrateTwoPoint(int wordsA, int tokensA, int wordsB, int tokensB);
    // Tokens the server adds to every prompt (0 unless calibrateTwoPoint() succeeded).
    double overheadTokens() const { return m_overhead; }
    // Words of a synthetic prompt (what the server's count is aimed at; at least 1).
    int syntheticWords() const;

    // --- Additions.
    // Number of distinct prompts (file prompts loaded; 0 for synthetic: unbounded).
    qsizetype filePromptCount() const { return m_filePrompts.size(); }
    // Whitespace-separated words: the simulator's tokenisation, and the estimate's base.
    static int wordCount(const QString& text);
    // Parses JSONL text (exposed for tests); `name` is used in messages ("prompts.jsonl").
    static bool parseJsonl(const QByteArray& data, const QString& name, QList<Prompt>* prompts,
                           QString* error);

private:
    Prompt syntheticPrompt(quint64 index) const;

    PromptSource m_source;
    quint64 m_seed;
    double m_factor = 1.0;       // server tokens per word
    double m_overhead = 0.0;     // server tokens added to every prompt (chat template)
    QList<Prompt> m_filePrompts; // estimatedTokens holds the word count (factor applied later)
};

#pragma once

#include "profile/promptsource.h"
#include "protocol/promptgenerator.h"
#include "record/requestrecord.h"
#include "results/calibrationinfo.h"
#include "transport/requestjob.h"

#include <QList>
#include <memory>

// Sizes synthetic prompts so the SERVER's token count hits the target. Two probes
// (max_tokens 1) of clearly different lengths, at prompt indices no run uses, give
// tokens = overhead + slope * words (the overhead is the chat template's share). If the
// fit is degenerate or a probe is unusable (failed, or no usage.prompt_tokens), one factor
// from a usable probe; if none is usable, the generator's estimate. Deterministic.
// The engine sends probe(0), then probe(1), feeding each record to addProbe().
class PromptCalibration {
public:
    static constexpr int kProbes = 2;
    // Far from any index a run uses (ids from 1), so no probe warms a prefix cache for
    // a measured request.
    static constexpr quint64 kFirstProbeIndex = quint64(1) << 48;

    PromptCalibration(const PromptSource& source, quint64 seed);

    // Probe i's prompts (uncalibrated: the estimate is the word count) and prompt index.
    std::shared_ptr<const PromptGenerator> probePrompts(int i) const;
    quint64 probePromptIndex(int i) const { return kFirstProbeIndex + quint64(i); }
    // Probe i as a job: one output token, its own prompts (its own length), everything else
    // as the run will send it (`run`); `cookie` tells the engine a probe came back.
    RequestJob probeJob(int i, const std::shared_ptr<const RunContext>& run, qint64 cookie) const;
    int probeWords(int i) const { return m_words.value(i); }
    // Words of the two probes for a target: the target, and 4x it (at least 64 words
    // more) up to 1024; above that a quarter of it, so a long target never sends a probe
    // beyond the model's context.
    static QList<int> probeWordsFor(int targetTokens);

    void addProbe(const RequestRecord& record); // in probe order
    int probesDone() const { return int(m_info.probes.size()); }
    // Decides the method from the probes so far and applies it to `generator` (a copy of
    // the run's synthetic generator). The returned info holds the probes and a message.
    CalibrationInfo finish(PromptGenerator* generator) const;
    // The probes so far, method "none", with `message` (a run stopped before deciding).
    CalibrationInfo abandon(const QString& message) const;

private:
    PromptSource m_source;
    quint64 m_seed;
    QList<int> m_words;
    CalibrationInfo m_info; // probes and their word counts
};

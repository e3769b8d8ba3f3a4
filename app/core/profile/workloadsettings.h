#pragma once

#include "profile/lengthdistribution.h"

#include <QString>
#include <QStringList>
#include <optional>

// What a run sends (profile section "workload", schema plateau.profile/2; issue 16). The
// engine turns it into requests (sweep/workloadplanner.h); readers and generators live in
// app/core/workload. Every number has a bound (ProfileJsonParser, ProfileValidator).
struct WorkloadSettings {
    // synthetic: generated prompts; dataset: prompts from a file; conversations: multi-turn
    // users; trace: a timed trace replayed open loop.
    enum class Kind { Synthetic, Dataset, Conversations, Trace };
    static constexpr int kMaxSample = 10'000'000;
    static constexpr int kMaxTurns = 1000;
    static constexpr double kMaxThinkTimeMs = 3'600'000.0;     // an hour
    static constexpr double kMinTraceSpeed = 0.01;             // TraceTransform::kMinSpeed
    static constexpr double kMaxTraceSpeed = 100.0;            // TraceTransform::kMaxSpeed
    static constexpr double kMaxTraceTimeS = 30.0 * 24 * 3600; // a month

    struct Dataset {
        QString path;
        QString format = QStringLiteral("auto"); // DatasetFormats::name(): auto, sharegpt, ...
        int sample = 0;                          // entries drawn; 0: every usable entry
        bool withReplacement = false;
        bool shuffle = false;
        int minPromptWords = 0;
        int maxPromptWords = LengthDistribution::kMaxLength;
        // true: ask for as many tokens as the entry's reference answer (else the output
        // distribution); false: always the output distribution (forced max_tokens).
        bool outputFromReference = true;
        bool operator==(const Dataset&) const = default;
    };
    struct SharedPrefix {
        bool enabled = false;
        int groups = 8;
        int prefixTokens = 512;
        double share = 1.0; // share of requests that reuse a group's prefix
        bool operator==(const SharedPrefix&) const = default;
    };
    struct Conversations {
        int turns = 4;
        double thinkTimeMs = 0.0;          // between a turn's answer and the next turn
        bool thinkTimeExponential = false; // true: exponential with mean thinkTimeMs
        bool operator==(const Conversations&) const = default;
    };
    struct Trace {
        QString path;
        double speed = 1.0;        // 2: twice as fast as recorded
        double windowStartS = 0.0; // replay only [start, end) of the trace's time
        double windowEndS = -1.0;  // -1: to the end
        bool operator==(const Trace&) const = default;
    };

    Kind kind = Kind::Synthetic;
    // Unset: the fixed lengths of the profile's "prompts" section (input_tokens,
    // output_tokens), as in schema 1.
    std::optional<LengthDistribution> input;
    std::optional<LengthDistribution> output;
    Dataset dataset;
    SharedPrefix sharedPrefix;
    Conversations conversations;
    Trace trace;

    bool operator==(const WorkloadSettings&) const = default;

    static QStringList kindNames(); // "synthetic", "dataset", "conversations", "trace"
    static QString kindName(Kind kind);
    static bool kindFromName(const QString& name, Kind* kind);
    static QStringList datasetFormatNames(); // the names DatasetFormats knows
};

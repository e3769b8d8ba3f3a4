#pragma once

#include "profile/latencymetric.h"
#include "profile/shardsettings.h"

#include <QList>
#include <QString>

// How load is applied and when the sweep stops.
struct SweepPlan {
    enum class Mode { Concurrency, Rate };
    enum class Arrival { Poisson, Gamma };

    Mode mode = Mode::Concurrency;
    QList<int> concurrencies = {1, 2, 4, 8, 16, 32, 64, 128};
    QList<double> rates; // requests/s, open-loop mode
    Arrival arrival = Arrival::Poisson;
    double burstiness = 1.0; // gamma shape; 1.0 == Poisson
    int maxConcurrency = 0;  // open-loop cap; 0 = unlimited

    // Per level: a request count, or a duration (whichever is set; duration wins if > 0).
    int requestsPerLevel = 0;
    double durationPerLevelS = 6.0;
    int warmupRequests = 0; // per level, excluded from statistics

    // "until stable" (issue 13): a level ends once the 95% interval of its throughput and of
    // one latency percentile are narrow enough, between a minimum and a maximum duration.
    // When enabled it replaces the per-level count and duration.
    struct UntilStable {
        bool enabled = false;
        double throughputHalfWidth = 0.02; // relative half-width, 0.02 = +-2%
        double latencyHalfWidth = 0.05;
        LatencyMetric metric = LatencyMetric::Ttft; // UntilStableJson::metrics()
        LatencyStat stat = LatencyStat::P95;        // UntilStableJson::stats()
        double minSeconds = 10.0;
        double maxSeconds = 300.0;
        bool operator==(const UntilStable&) const = default;
    };
    UntilStable untilStable;

    // Refine (issue 13): after the plan's levels, bisect between the heaviest level that met
    // the latency budget and the lightest one that broke it (sweep/refinesearch.h).
    struct Refine {
        bool enabled = false;
        int maxLevels = 6; // extra levels at most (1-20)
        bool operator==(const Refine&) const = default;
    };
    Refine refine;

    // Repeat (issue 13): the whole sweep runs this many times, one after the other, and the
    // results give each level's between-run mean and 95% interval (sweep/repeatrunner.h).
    static constexpr int kMaxRepeat = 50;
    int repeat = 1; // 1..kMaxRepeat

    // Interleave (issue 13): a second endpoint measured level by level with this one (A B, B A,
    // ...), so drift on the machine or the network hits both alike (sweep/interleaverunner.h).
    // The name of another endpoint of the profile, an http(s) URL or sim:PRESET; "" = off.
    static constexpr int kMaxInterleaveLength = 2048;
    QString interleaveWith;

    bool stopAtPlateau = false;
    bool stopWhenBudgetExceeded = false;
    double maxErrorRate = 0.5;          // stop when a level's error rate exceeds this
    double plateauGainThreshold = 0.05; // <5% gain for a >=1.5x step = plateau

    ShardSettings shard; // issue 15: this run is one shard of several (profile/shardjson.h)

    quint64 seed = 0; // prompts and arrivals; 0: a fresh seed each run (the results keep it)

    int levelCount() const {
        return mode == Mode::Rate ? int(rates.size()) : int(concurrencies.size());
    }
    bool operator==(const SweepPlan&) const = default;
};

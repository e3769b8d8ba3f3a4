#pragma once

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

    bool stopAtPlateau = false;
    bool stopWhenBudgetExceeded = false;
    double maxErrorRate = 0.5;          // stop when a level's error rate exceeds this
    double plateauGainThreshold = 0.05; // <5% gain for a >=1.5x step = plateau

    quint64 seed = 0; // prompts and arrivals; 0: a fresh seed each run (the results keep it)

    int levelCount() const {
        return mode == Mode::Rate ? int(rates.size()) : int(concurrencies.size());
    }
    bool operator==(const SweepPlan&) const = default;
};

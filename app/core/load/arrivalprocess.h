#pragma once

#include "profile/sweepplan.h"

#include <QtGlobal>
#include <random>

// Inter-arrival gaps of an open-loop level, from a seeded generator (same seed, same
// schedule). Poisson: exponential gaps with mean 1/rate. Gamma: shape k = burstiness,
// scale 1/(rate*k), so the mean gap stays 1/rate and the coefficient of variation is
// 1/sqrt(k): k < 1 is burstier than Poisson, k > 1 more regular, k = 1 is Poisson.
// This is the same convention as vLLM `bench serve --burstiness`.
class ArrivalProcess {
public:
    ArrivalProcess(SweepPlan::Arrival kind, double rate, double burstiness, quint64 seed);

    // The next gap in nanoseconds (>= 0).
    qint64 nextGapNs();

    double rate() const { return m_rate; }
    double shape() const { return m_shape; }

private:
    double m_rate;
    double m_shape;
    std::mt19937_64 m_engine;
    std::gamma_distribution<double> m_gamma; // exponential when shape == 1
};

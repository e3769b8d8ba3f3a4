#include "stats/mannwhitney.h"

#include "stats/distributions.h"
#include "stats/meaninterval.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace {
struct Value {
    double x;
    bool candidate;
};

std::vector<Value> pooled(std::span<const double> base, std::span<const double> candidate) {
    std::vector<Value> all;
    all.reserve(base.size() + candidate.size());
    for (double x : base)
        if (!std::isnan(x))
            all.push_back({x, false});
    for (double x : candidate)
        if (!std::isnan(x))
            all.push_back({x, true});
    std::sort(all.begin(), all.end(), [](const Value& a, const Value& b) { return a.x < b.x; });
    return all;
}
} // namespace

MannWhitneyResult MannWhitney::test(std::span<const double> base, std::span<const double> candidate,
                                    double confidence) {
    MannWhitneyResult r;
    const std::vector<Value> all = pooled(base, candidate);
    double nCandidate = 0;
    double candidateRankSum = 0.0;
    double tieTerm = 0.0; // sum over tie groups of t^3 - t
    for (std::size_t i = 0; i < all.size();) {
        std::size_t j = i;
        while (j < all.size() && all[j].x == all[i].x)
            ++j;
        const double averageRank = (double(i + 1) + double(j)) / 2.0; // 1-based ranks i+1..j
        for (std::size_t k = i; k < j; ++k) {
            if (all[k].candidate) {
                candidateRankSum += averageRank;
                ++nCandidate;
            }
        }
        const double t = double(j - i);
        tieTerm += t * t * t - t;
        i = j;
    }
    const double n = double(all.size());
    const double nBase = n - nCandidate;
    if (nBase < 1 || nCandidate < 1 || !MeanInterval::validConfidence(confidence)) {
        r.note = "no test: each side needs at least one value";
        return r;
    }
    r.u = candidateRankSum - nCandidate * (nCandidate + 1.0) / 2.0;
    r.probabilityGreater = r.u / (nBase * nCandidate);
    const double mean = nBase * nCandidate / 2.0;
    const double variance =
        nBase * nCandidate / 12.0 * ((n + 1.0) - (n > 1 ? tieTerm / (n * (n - 1.0)) : 0.0));
    if (!(variance > 0.0)) {
        r.note = "no test: every value is tied";
        return r;
    }
    const double distance = std::max(0.0, std::fabs(r.u - mean) - 0.5);
    r.z = std::copysign(distance, r.u - mean) / std::sqrt(variance);
    r.pValue = Distributions::normalTwoSidedP(r.z);
    r.significant = r.pValue < 1.0 - confidence;
    if (nBase < 10 || nCandidate < 10)
        r.note = "fewer than 10 values on a side: the normal approximation is rough";
    return r;
}

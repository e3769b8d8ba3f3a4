#pragma once

#include <span>
#include <string>

// Mann-Whitney U (Wilcoxon rank-sum) test: does the candidate's distribution sit above or
// below the base's? Normal approximation with tie correction and continuity correction,
// fine from about 10 values per side. Robust to outliers and needs no distribution shape;
// use it for "the whole latency distribution moved" (e.g. a median gate), not for a tail
// percentile (see PercentileComparison).
struct MannWhitneyResult {
    double u = 0.0;                  // U of the candidate: pairs where it is larger (+0.5 ties)
    double z = 0.0;                  // standardized U, continuity-corrected
    double pValue = 1.0;             // two-sided
    double probabilityGreater = 0.5; // U / (n_base n_candidate): P(candidate > base) + P(=)/2
    bool significant = false;        // pValue < 1 - confidence
    std::string note;                // too few values, or all values tied
};

class MannWhitney {
public:
    // NaN values are skipped.
    static MannWhitneyResult test(std::span<const double> base, std::span<const double> candidate,
                                  double confidence = 0.95);
};

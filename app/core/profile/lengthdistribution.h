#pragma once

#include <QList>
#include <QString>

// How long prompts or answers are: one value type for every choice a user has (profile,
// GUI, CLI). Lengths are in tokens as the user asks for them; the sampler turns the choice
// into integers in [kMinLength, kMaxLength].
//   Fixed      value
//   Uniform    every integer in [min, max] equally likely
//   Normal     mean, sd; a draw outside [min, max] is clipped to the bound (as GuideLLM does)
//   LogNormal  median, sigma (of the underlying normal); clipped to [min, max]
//   Empirical  draws from observed lengths (a dataset's), each observation equally likely;
//              `file` names where they come from, `values` holds them once loaded
// Text forms: LengthSpec; JSON: LengthDistributionJson; draws: LengthSampler.
struct LengthDistribution {
    enum class Kind { Fixed, Uniform, Normal, LogNormal, Empirical };
    static constexpr int kMinLength = 1;
    static constexpr int kMaxLength = 1'000'000;
    static constexpr double kMaxSigma = 4.0;            // e^4 ≈ 55× the median at 1 sd
    static constexpr qsizetype kMaxValues = 10'000'000; // empirical observations kept

    Kind kind = Kind::Fixed;
    int value = 256;       // Fixed
    int min = kMinLength;  // Uniform range; Normal / LogNormal clip
    int max = kMaxLength;  //
    double mean = 256.0;   // Normal
    double sd = 0.0;       //
    double median = 256.0; // LogNormal
    double sigma = 0.5;    //
    QString file;          // Empirical: source of the values
    QList<int> values;     // Empirical: observed lengths

    static LengthDistribution fixed(int value);
    static LengthDistribution uniform(int min, int max);
    static LengthDistribution normal(double mean, double sd, int min = kMinLength,
                                     int max = kMaxLength);
    static LengthDistribution logNormal(double median, double sigma, int min = kMinLength,
                                        int max = kMaxLength);
    static LengthDistribution empirical(const QList<int>& values, const QString& file = {});
    static LengthDistribution empiricalFile(const QString& file); // values loaded later

    // "" when usable, else one line saying what is wrong ("uniform: min 600 is above max
    // 500"). An empirical distribution with a file but no values yet is valid (not loaded).
    QString validate() const;
    // Whether the sampler can draw (valid, and an empirical one has its values).
    bool readyToSample() const;

    // The length below which a share p of draws falls (p in [0, 1]), from the formula, not
    // by sampling: sizes calibration probes and previews. Empirical without values: 0.
    int quantile(double p) const;

    static QString kindName(Kind kind); // "fixed", "uniform", "normal", "lognormal", "empirical"
    static bool kindFromName(const QString& name, Kind* kind); // also "gaussian", "log-normal"

    // Equal choices; fields the kind does not use are ignored.
    bool operator==(const LengthDistribution& other) const;
};

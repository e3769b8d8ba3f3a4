#pragma once

#include <cstdint>
#include <span>
#include <vector>

// Turns timed events (content events with their token counts) into a rate per fixed-width
// bin, the time series BatchMeans works on: "output tokens per second in each 100 ms bin of
// the steady window".
class RateSeries {
public:
    static constexpr std::int64_t kMaxBins = 10'000'000; // a bound on memory, ~80 MB

    // Bin i covers (fromNs + i*binNs, fromNs + (i+1)*binNs], matching the half-open steady
    // window (fromNs, toNs] of WindowAttribution; only whole bins are kept, so up to one bin
    // width at the end of the window is left out. Each bin holds sum(weights) / bin seconds.
    // `weights` empty: every event weighs 1; otherwise it must be as long as `eventNs`.
    // Events outside the bins are ignored; events need not be sorted. Returns no bins for a
    // bad argument (binNs <= 0, toNs <= fromNs, mismatched lengths, too many bins).
    static std::vector<double> binRates(std::span<const std::int64_t> eventNs,
                                        std::span<const double> weights, std::int64_t fromNs,
                                        std::int64_t toNs, std::int64_t binNs);
};

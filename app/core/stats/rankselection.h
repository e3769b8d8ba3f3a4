#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <vector>

// Exact order statistics of a sample too large to hold: the values at chosen ranks, found
// in a few passes over a source that can replay the same values (issue 17: a level of a
// million 64-token answers pooled 64 M inter-token gaps, 8 bytes each, to take their
// percentiles). Each pass narrows every wanted rank to a range of the values' order-keeping
// 64-bit keys, 16 bits at a time, and keeps the values themselves once a range holds at most
// `collectLimit` of them; a range whose key is fixed to the last bit holds one value. So
// memory is bounded by the wanted ranks times max(collectLimit values, 2^16 counters), and
// the answer is the same double a full sort gives (the keys order doubles as `<` does).
//
// Use: call add() for every value once (the first pass), then want() the 0-based ranks,
// then while needsPass(): feed() every value again in any order and endPass().
class RankSelection {
public:
    explicit RankSelection(std::size_t collectLimit = std::size_t(1) << 20);

    // NaN values must be skipped by the caller; -0.0 counts as 0.0.
    void add(double value);
    std::int64_t count() const { return m_count; }
    // 0-based ranks, each < count(). Clears what an earlier want() resolved.
    void want(std::span<const std::int64_t> ranks);
    bool needsPass() const { return !m_groups.empty(); }
    void feed(double value);
    void endPass();
    // The value at a wanted rank once needsPass() is false.
    double valueAt(std::int64_t rank) const;
    // The most values kept at once by a pass (the memory bound's witness in tests).
    std::size_t peakKept() const { return m_peakKept; }
    int passes() const { return m_passes; }

    // A whole selection over a replayable source: each call of `source` must visit the same
    // values (NaN skipped); returns the values at `ranks` in their order.
    using Visitor = std::function<void(double)>;
    static std::vector<double> select(const std::function<void(const Visitor&)>& source,
                                      std::span<const std::int64_t> ranks);

private:
    // The values whose keys start with `prefix` (its top `bits` bits): `below` values of the
    // sample have smaller keys. Counted by their next 16 bits, or kept when few enough.
    struct Group {
        std::uint64_t prefix = 0;
        int bits = 0;
        std::int64_t below = 0;
        bool collect = false;
        std::vector<std::int64_t> counts;
        std::vector<double> values;
        std::vector<std::int64_t> ranks;
    };

    Group& groupFor(std::uint64_t prefix, int bits, std::int64_t below, std::int64_t size,
                    std::vector<Group>* into);
    static void place(Group& group, std::uint64_t key, double value);
    void resolve(Group& group, std::vector<Group>* next);

    std::size_t m_collectLimit;
    std::int64_t m_count = 0;
    std::vector<std::int64_t> m_firstCounts; // the first pass: the keys' top 16 bits
    std::vector<Group> m_groups;             // the ranges still open, all of one depth
    std::map<std::int64_t, double> m_found;
    std::size_t m_peakKept = 0;
    int m_passes = 0;
};

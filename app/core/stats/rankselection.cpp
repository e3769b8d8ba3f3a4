#include "stats/rankselection.h"

#include <algorithm>
#include <bit>
#include <limits>

namespace {
constexpr int kDigitBits = 16;
constexpr std::size_t kDigits = std::size_t(1) << kDigitBits;
constexpr std::uint64_t kSignBit = std::uint64_t(1) << 63;

// A key whose unsigned order is the doubles' order: negative doubles order backwards by
// their bits, so all of theirs are flipped; positive ones are lifted above them.
std::uint64_t keyOf(double value) {
    if (value == 0.0)
        value = 0.0; // -0.0 equals 0.0 for a sort: one key for both
    const auto bits = std::bit_cast<std::uint64_t>(value);
    return (bits & kSignBit) ? ~bits : bits | kSignBit;
}

double valueOfKey(std::uint64_t key) {
    return std::bit_cast<double>((key & kSignBit) ? key & ~kSignBit : ~key);
}

// The key's top `bits` bits (a shift by 64 is undefined, hence the case of none).
std::uint64_t prefixOf(std::uint64_t key, int bits) {
    return bits == 0 ? 0 : key >> (64 - bits);
}

std::size_t digitAfter(std::uint64_t key, int bits) {
    return std::size_t(key >> (64 - bits - kDigitBits)) & (kDigits - 1);
}
} // namespace

RankSelection::RankSelection(std::size_t collectLimit)
    : m_collectLimit(std::max<std::size_t>(collectLimit, 1))
    , m_firstCounts(kDigits, 0) {}

void RankSelection::add(double value) {
    ++m_count;
    ++m_firstCounts[digitAfter(keyOf(value), 0)];
}

void RankSelection::want(std::span<const std::int64_t> ranks) {
    m_found.clear();
    m_groups.clear();
    Group all;
    all.counts = m_firstCounts;
    for (const std::int64_t rank : ranks) {
        if (rank >= 0 && rank < m_count)
            all.ranks.push_back(rank);
    }
    resolve(all, &m_groups);
}

void RankSelection::feed(double value) {
    if (m_groups.empty())
        return;
    const std::uint64_t key = keyOf(value);
    // All open groups fix the same number of bits (they were opened by the same pass).
    const std::uint64_t prefix = prefixOf(key, m_groups.front().bits);
    for (Group& group : m_groups) {
        if (group.prefix == prefix) {
            place(group, key, value);
            return;
        }
    }
}

void RankSelection::place(Group& group, std::uint64_t key, double value) {
    if (group.collect)
        group.values.push_back(value);
    else
        ++group.counts[digitAfter(key, group.bits)];
}

void RankSelection::endPass() {
    ++m_passes;
    std::size_t kept = 0;
    for (const Group& group : m_groups)
        kept += group.values.size();
    m_peakKept = std::max(m_peakKept, kept);
    std::vector<Group> next;
    for (Group& group : m_groups)
        resolve(group, &next);
    m_groups = std::move(next);
}

// A kept group answers its ranks; a counted one opens, for each rank, the group of the
// digit its rank falls in (one group per digit, whatever the number of ranks in it).
void RankSelection::resolve(Group& group, std::vector<Group>* next) {
    std::sort(group.ranks.begin(), group.ranks.end());
    group.ranks.erase(std::unique(group.ranks.begin(), group.ranks.end()), group.ranks.end());
    if (group.collect) {
        std::sort(group.values.begin(), group.values.end());
        for (const std::int64_t rank : group.ranks) {
            // Out of range only if the source did not replay the same values.
            const auto at = std::size_t(rank - group.below);
            if (at < group.values.size())
                m_found[rank] = group.values[at];
        }
        return;
    }
    std::size_t digit = 0;
    std::int64_t below = group.below;
    for (const std::int64_t rank : group.ranks) {
        while (digit + 1 < kDigits && below + group.counts[digit] <= rank)
            below += group.counts[digit++];
        const std::uint64_t prefix = (group.bits == 0 ? 0 : group.prefix << kDigitBits) | digit;
        const int bits = group.bits + kDigitBits;
        if (bits == 64)
            m_found[rank] = valueOfKey(prefix); // every value in it has this key
        else
            groupFor(prefix, bits, below, group.counts[digit], next).ranks.push_back(rank);
    }
}

RankSelection::Group& RankSelection::groupFor(std::uint64_t prefix, int bits, std::int64_t below,
                                              std::int64_t size, std::vector<Group>* into) {
    for (Group& group : *into) {
        if (group.prefix == prefix)
            return group;
    }
    Group& group = into->emplace_back();
    group.prefix = prefix;
    group.bits = bits;
    group.below = below;
    group.collect = std::size_t(size) <= m_collectLimit;
    if (group.collect)
        group.values.reserve(std::size_t(size));
    else
        group.counts.assign(kDigits, 0);
    return group;
}

double RankSelection::valueAt(std::int64_t rank) const {
    const auto found = m_found.find(rank);
    return found == m_found.end() ? std::numeric_limits<double>::quiet_NaN() : found->second;
}

std::vector<double> RankSelection::select(const std::function<void(const Visitor&)>& source,
                                          std::span<const std::int64_t> ranks) {
    RankSelection selection;
    source([&](double value) { selection.add(value); });
    selection.want(ranks);
    while (selection.needsPass()) {
        source([&](double value) { selection.feed(value); });
        selection.endPass();
    }
    std::vector<double> values;
    values.reserve(ranks.size());
    for (const std::int64_t rank : ranks)
        values.push_back(selection.valueAt(rank));
    return values;
}

#pragma once

#include <QtGlobal>
#include <list>
#include <unordered_map>
#include <vector>

// The simulated engine's prefix cache: the chained block hashes of SimPromptWords, kept in
// an LRU of capacityBlocks entries (0 = no cache). A request's prefill skips the leading
// blocks found here; the lookup stops at the first miss, since a block's KV is only valid
// after the very same blocks before it (vLLM's automatic prefix caching).
//
// A request's blocks are stored tail first, so its head ends most recently used and, under
// pressure, a prefix loses its tail before its head (vLLM frees a request's blocks in
// reverse order for the same reason: a head without its tail still serves every request
// sharing that head).
class SimPrefixCache {
public:
    explicit SimPrefixCache(int capacityBlocks)
        : m_capacity(size_t(qMax(0, capacityBlocks))) {}

    bool enabled() const { return m_capacity > 0; }
    // The number of leading blocks of blocks[0, maxBlocks) that are cached; those become the
    // most recently used.
    int lookup(const std::vector<quint64>& blocks, int maxBlocks);
    // Stores blocks[0, count) (already cached ones are refreshed), evicting the least
    // recently used beyond the capacity.
    void insert(const std::vector<quint64>& blocks, int count);

    int size() const { return int(m_lru.size()); }
    qint64 evictions() const { return m_evictions; }

private:
    void touch(quint64 block); // becomes the most recently used, stored if new

    size_t m_capacity;
    std::list<quint64> m_lru; // front: most recently used
    std::unordered_map<quint64, std::list<quint64>::iterator> m_index;
    qint64 m_evictions = 0;
};

#include "sim/simprefixcache.h"

#include <algorithm>

int SimPrefixCache::lookup(const std::vector<quint64>& blocks, int maxBlocks) {
    if (!enabled())
        return 0;
    const int limit = std::min(maxBlocks, int(blocks.size()));
    int hits = 0;
    while (hits < limit && m_index.count(blocks[size_t(hits)]))
        ++hits;
    for (int i = hits - 1; i >= 0; --i) // tail first: the head ends most recently used
        touch(blocks[size_t(i)]);
    return hits;
}

void SimPrefixCache::insert(const std::vector<quint64>& blocks, int count) {
    if (!enabled())
        return;
    for (int i = std::min(count, int(blocks.size())) - 1; i >= 0; --i)
        touch(blocks[size_t(i)]);
}

void SimPrefixCache::touch(quint64 block) {
    const auto found = m_index.find(block);
    if (found != m_index.end()) {
        m_lru.splice(m_lru.begin(), m_lru, found->second);
        return;
    }
    m_lru.push_front(block);
    m_index.emplace(block, m_lru.begin());
    if (m_lru.size() <= m_capacity)
        return;
    m_index.erase(m_lru.back());
    m_lru.pop_back();
    ++m_evictions;
}

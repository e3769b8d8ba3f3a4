#pragma once

#include "workload/seededrandom.h"

#include <QList>

#include <algorithm>
#include <cmath>
#include <utility>

// A uniform sample of `capacity` items from a stream of unknown length, in one pass and
// O(capacity) memory, reproducible for a seed.
// Without replacement (Algorithm R): distinct items; all of them when fewer than capacity.
// With replacement: exactly `capacity` draws, each uniform over the whole stream and
// independent: slot s takes item i with probability 1/i. The slots an item replaces are
// found by geometric skips, so the cost is O(capacity · log n), not O(capacity · n).
template <typename T> class ReservoirSampler {
public:
    ReservoirSampler(qsizetype capacity, bool withReplacement, quint64 seed)
        : m_capacity(std::max<qsizetype>(0, capacity))
        , m_withReplacement(withReplacement)
        , m_random(seed) {}

    void offer(const T& item) {
        ++m_seen;
        if (m_capacity == 0)
            return;
        if (m_withReplacement)
            offerWithReplacement(item);
        else
            offerWithoutReplacement(item);
    }

    qint64 seen() const { return m_seen; }
    qsizetype size() const { return m_slots.size(); }

    // The sample: in stream order (duplicates next to each other), or shuffled with the seed.
    QList<T> take(bool shuffle) {
        if (shuffle) {
            for (qsizetype i = m_slots.size() - 1; i > 0; --i)
                std::swap(m_slots[i], m_slots[qsizetype(m_random.below(quint64(i) + 1))]);
        } else {
            std::stable_sort(m_slots.begin(), m_slots.end(),
                             [](const Slot& a, const Slot& b) { return a.order < b.order; });
        }
        QList<T> items;
        items.reserve(m_slots.size());
        for (Slot& slot : m_slots)
            items.append(std::move(slot.item));
        m_slots.clear();
        return items;
    }

private:
    struct Slot {
        qint64 order;
        T item;
    };

    void offerWithoutReplacement(const T& item) {
        if (m_slots.size() < m_capacity) {
            m_slots.append({m_seen, item});
            return;
        }
        const quint64 j = m_random.below(quint64(m_seen));
        if (j < quint64(m_capacity))
            m_slots[qsizetype(j)] = {m_seen, item};
    }

    void offerWithReplacement(const T& item) {
        if (m_seen == 1) {
            m_slots.fill({m_seen, item}, m_capacity);
            return;
        }
        // Each slot independently with p = 1/seen: the gap to the next chosen slot is
        // geometric, floor(ln U / ln(1 - p)).
        const double logKeep = std::log1p(-1.0 / double(m_seen));
        double position = -1.0;
        for (;;) {
            position += 1.0 + std::floor(std::log(m_random.uniformOpen01()) / logKeep);
            if (position >= double(m_capacity))
                return;
            m_slots[qsizetype(position)] = {m_seen, item};
        }
    }

    qsizetype m_capacity;
    bool m_withReplacement;
    SeededRandom m_random;
    qint64 m_seen = 0;
    QList<Slot> m_slots;
};

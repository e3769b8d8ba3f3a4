#include "transport/managerpool.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <algorithm>

ManagerPool::ManagerPool(int slotsPerManager, bool noProxy, QObject* owner)
    : m_slotsPerManager(std::max(1, slotsPerManager))
    , m_noProxy(noProxy)
    , m_owner(owner) {}

QNetworkAccessManager* ManagerPool::acquire() {
    Entry* chosen = nullptr;
    for (Entry& entry : m_entries) {
        if (entry.inFlight < m_slotsPerManager) {
            chosen = &entry;
            break;
        }
    }
    if (!chosen) {
        auto* manager = new QNetworkAccessManager(m_owner);
        // We own reply lifetimes ourselves (RequestExecution), and no redirect surprises
        // beyond Qt's safe default.
        manager->setAutoDeleteReplies(false);
        if (m_noProxy)
            manager->setProxy(QNetworkProxy::NoProxy);
        m_entries.append(Entry{manager, 0});
        chosen = &m_entries.last();
    }
    ++chosen->inFlight;
    ++m_inFlight;
    m_peakPerManager = std::max(m_peakPerManager, chosen->inFlight);
    return chosen->manager;
}

void ManagerPool::release(QNetworkAccessManager* manager) {
    for (Entry& entry : m_entries) {
        if (entry.manager == manager) {
            Q_ASSERT(entry.inFlight > 0);
            --entry.inFlight;
            --m_inFlight;
            return;
        }
    }
    Q_ASSERT_X(false, "ManagerPool::release", "unknown manager");
}

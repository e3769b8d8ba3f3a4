#pragma once

#include <QList>
#include <QObject>

class QNetworkAccessManager;

// The QNetworkAccessManagers of one network thread, with a slot count per manager.
// Qt's HTTP/1.1 stack runs at most 6 requests per host per manager and silently queues
// the rest, which would fake a plateau at 6: acquire() therefore never gives a manager
// more than slotsPerManager requests, creating managers as needed. Lowest index first,
// so a level reuses the keep-alive connections the previous one opened.
// Not thread-safe: used only on its owner's thread.
class ManagerPool {
public:
    ManagerPool(int slotsPerManager, bool noProxy, QObject* owner);

    QNetworkAccessManager* acquire();
    void release(QNetworkAccessManager* manager);

    int slotsPerManager() const { return m_slotsPerManager; }
    int managerCount() const { return int(m_entries.size()); }
    int inFlight() const { return m_inFlight; }
    // The most requests any one manager ever had at once (must stay <= slotsPerManager).
    int peakPerManager() const { return m_peakPerManager; }

private:
    struct Entry {
        QNetworkAccessManager* manager = nullptr;
        int inFlight = 0;
    };
    QList<Entry> m_entries;
    int m_slotsPerManager;
    bool m_noProxy;
    QObject* m_owner;
    int m_inFlight = 0;
    int m_peakPerManager = 0;
};

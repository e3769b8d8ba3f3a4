#pragma once

#include "transport/requestjob.h"

#include <QList>
#include <QObject>
#include <atomic>
#include <memory>
#include <vector>

class NetworkWorker;
class QThread;

// A few network threads, each a NetworkWorker with its own managers. Lives on the
// engine thread; submit() hands a job to the least-loaded worker by a queued call, and
// requestFinished arrives back here queued, with the record as a plain value.
class NetworkPool : public QObject {
    Q_OBJECT
public:
    struct Config {
        int threads = 1;
        int slotsPerManager = 6; // Qt's HTTP/1.1 per-host cap; more with HTTP/2
        bool noProxy = false;
        // Direct HTTP/1.1 transport (HttpConnection) instead of QNetworkAccessManager;
        // the engine decides (TransportSelector), the pool only follows.
        bool directHttp = false;
        int lagProbeIntervalMs = 10;
    };

    explicit NetworkPool(const Config& config, QObject* parent = nullptr);
    ~NetworkPool() override; // aborts whatever is running, silently, and joins the threads

    void submit(const RequestJob& job);
    // Every running request finishes now as `cancelled` (their records still arrive).
    void abortAll(const QString& message);

    int threadCount() const { return int(m_workers.size()); }
    const QThread* thread(int index) const { return m_threads.at(size_t(index)); }
    int inFlight() const { return m_inFlight; }
    // Content events received so far by all threads (thread-safe, monotonic).
    qint64 contentEvents() const { return m_contentEvents.load(std::memory_order_relaxed); }
    // Worst p99 event-loop lag (ms) over the network threads since the last call.
    double takeLagP99Ms();
    // Diagnostics (blocking calls into each thread): managers created, and the most
    // requests one manager ever carried at once.
    int managerCount() const;
    int peakPerManager() const;
    // Direct transport: TCP connections opened so far, over all threads (blocking calls).
    int connectionsOpened() const;

Q_SIGNALS:
    void requestFinished(qint64 cookie, const RequestRecord& record);

private:
    std::atomic<qint64> m_contentEvents{0};
    std::vector<NetworkWorker*> m_workers;
    std::vector<QThread*> m_threads;
    int m_inFlight = 0;
};

#pragma once

#include "transport/managerpool.h"
#include "transport/requestjob.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <atomic>
#include <memory>

class ApiFlavor;
class HttpConnectionPool;
class LagProbe;
class RequestExecution;

// Everything of one network thread: its managers, its running requests, its lag probe.
// Lives on its own QThread; every method except the atomics runs there (the pool calls
// it through queued invocations). Finished records leave as plain values.
class NetworkWorker : public QObject {
    Q_OBJECT
public:
    // directHttp: run requests on the direct HTTP/1.1 transport rather than the managers.
    NetworkWorker(int slotsPerManager, bool noProxy, bool directHttp,
                  std::atomic<qint64>* contentEvents, int lagProbeIntervalMs);
    ~NetworkWorker() override;

    // Thread-safe accounting for the pool's least-loaded choice.
    void reserve() { m_load.fetch_add(1, std::memory_order_relaxed); }
    int load() const { return m_load.load(std::memory_order_relaxed); }

    // On the worker thread:
    void initialize(); // starts the lag probe
    void execute(const RequestJob& job);
    void abortAll(const QString& message);
    QList<double> takeLagSamplesMs(); // thread-safe
    int peakPerManager() const { return m_managers.peakPerManager(); }
    int managerCount() const { return m_managers.managerCount(); }
    int connectionsOpened() const;

Q_SIGNALS:
    void requestFinished(qint64 cookie, const RequestRecord& record);

private:
    const ApiFlavor* flavorFor(const QString& id);
    void onExecutionDone(RequestExecution* execution);

    ManagerPool m_managers;
    HttpConnectionPool* m_connections = nullptr; // direct transport only
    std::atomic<qint64>* m_contentEvents;
    std::atomic<int> m_load{0};
    int m_lagProbeIntervalMs;
    LagProbe* m_lagProbe;
    QHash<QString, std::shared_ptr<ApiFlavor>> m_flavors;
    QSet<RequestExecution*> m_active;
};

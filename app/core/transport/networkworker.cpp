#include "transport/networkworker.h"

#include "common/monotonicclock.h"
#include "protocol/apiflavor.h"
#include "transport/httpconnectionpool.h"
#include "transport/lagprobe.h"
#include "transport/requestexecution.h"

NetworkWorker::NetworkWorker(int slotsPerManager, bool noProxy, bool directHttp,
                             std::atomic<qint64>* contentEvents, int lagProbeIntervalMs)
    : m_managers(slotsPerManager, noProxy, this)
    , m_connections(directHttp ? new HttpConnectionPool(this) : nullptr)
    , m_contentEvents(contentEvents)
    , m_lagProbeIntervalMs(lagProbeIntervalMs)
    , m_lagProbe(new LagProbe(this)) {}

NetworkWorker::~NetworkWorker() {
    // Executions first: they abort their replies while the managers still exist.
    const QSet<RequestExecution*> active = m_active;
    m_active.clear();
    for (RequestExecution* execution : active) {
        execution->disconnect(this);
        delete execution;
    }
}

void NetworkWorker::initialize() {
    m_lagProbe->start(m_lagProbeIntervalMs);
}

const ApiFlavor* NetworkWorker::flavorFor(const QString& id) {
    auto it = m_flavors.find(id);
    if (it == m_flavors.end())
        it = m_flavors.insert(id, std::shared_ptr<ApiFlavor>(ApiFlavor::create(id)));
    return it.value().get();
}

void NetworkWorker::execute(const RequestJob& job) {
    // Jobs come in batches (a step's worth of finished requests are replaced at once):
    // bytes already waiting are read, and timestamped, before this one is built and sent.
    if (m_connections)
        m_connections->readArrivedNow();
    const ApiFlavor* flavor = flavorFor(job.context->endpoint.flavor);
    if (!flavor) {
        // The engine checks the flavor before a run; still, never lose a request.
        RequestRecord record = job.seed;
        record.tEndNs = MonotonicClock::nowNs();
        record.error = ErrorClass::BadStream;
        record.errorMessage = u"unknown API flavor \"" + job.context->endpoint.flavor + u'"';
        m_load.fetch_sub(1, std::memory_order_relaxed);
        Q_EMIT requestFinished(job.cookie, record);
        return;
    }
    auto* execution =
        m_connections
            ? new RequestExecution(job, *flavor, m_connections, m_contentEvents, this)
            : new RequestExecution(job, *flavor, m_managers.acquire(), m_contentEvents, this);
    m_active.insert(execution);
    connect(execution, &RequestExecution::done, this,
            [this, execution] { onExecutionDone(execution); });
    execution->start();
}

void NetworkWorker::onExecutionDone(RequestExecution* execution) {
    m_active.remove(execution);
    if (execution->manager())
        m_managers.release(execution->manager());
    m_load.fetch_sub(1, std::memory_order_relaxed);
    const qint64 cookie = execution->cookie();
    Q_EMIT requestFinished(cookie, execution->takeRecord());
    execution->deleteLater();
}

void NetworkWorker::abortAll(const QString& message) {
    const QSet<RequestExecution*> active = m_active;
    for (RequestExecution* execution : active)
        execution->cancel(message); // emits done() synchronously
}

QList<double> NetworkWorker::takeLagSamplesMs() {
    return m_lagProbe->takeSamplesMs();
}

int NetworkWorker::connectionsOpened() const {
    return m_connections ? m_connections->connectionsOpened() : 0;
}

#include "transport/networkpool.h"

#include "common/inputlimits.h"
#include "transport/epolleventdispatcher.h"
#include "transport/lagprobe.h"
#include "transport/networkworker.h"

#include <QThread>
#include <algorithm>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

namespace {
// Every stream is a descriptor (a TLS one two: see HttpConnection::watchSocket()); the
// usual soft limit of 1,024 would fail a level of a few hundred streams with "Too many open
// files". The hard limit is what the administrator allows: take it, once.
void raiseDescriptorLimit() {
#ifdef Q_OS_LINUX
    static const bool raised = [] {
        rlimit limit{};
        if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max)
            return false;
        constexpr rlim_t kEnough = 1 << 20; // far beyond the streams a run may hold
        limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, kEnough);
        return ::setrlimit(RLIMIT_NOFILE, &limit) == 0;
    }();
    Q_UNUSED(raised);
#endif
}

// The network threads run EpollEventDispatcher, the thread's EpollReactor doing its one wait
// per wake-up (Qt's glib dispatcher polled the reactor's descriptor, then the reactor waited
// again). Measured on a release build against glib in a trickle, at 256 independent streams
// and in lock-step bursts it won or tied in all three (README, Performance).
// PLATEAU_EPOLL_DISPATCHER=0 keeps Qt's dispatcher (the way back, should a platform need it).
void installDispatcher(QThread* thread) {
    const bool wanted =
        qEnvironmentVariable("PLATEAU_EPOLL_DISPATCHER").trimmed() != QLatin1String("0");
    if (!wanted)
        return;
    auto* dispatcher = new EpollEventDispatcher;
    if (dispatcher->isValid())
        thread->setEventDispatcher(dispatcher); // the thread owns it now
    else
        delete dispatcher;
}
} // namespace

NetworkPool::NetworkPool(const Config& config, QObject* parent)
    : QObject(parent) {
    raiseDescriptorLimit();
    // The options are checked against the same bound (InputLimits); this is the last line.
    const int maxThreads = int(InputLimits::bound(InputLimits::Field::ClientThreads).max);
    const int threads = std::clamp(config.threads, 1, maxThreads);
    for (int i = 0; i < threads; ++i) {
        auto* thread = new QThread;
        thread->setObjectName(QStringLiteral("plateau-net-%1").arg(i));
        installDispatcher(thread);
        auto* worker = new NetworkWorker(config.slotsPerManager, config.noProxy, config.directHttp,
                                         &m_contentEvents, config.lagProbeIntervalMs);
        worker->moveToThread(thread);
        connect(worker, &NetworkWorker::requestFinished, this,
                [this](qint64 cookie, const RequestRecord& record) {
                    --m_inFlight;
                    Q_EMIT requestFinished(cookie, record);
                });
        thread->start();
        QMetaObject::invokeMethod(worker, &NetworkWorker::initialize, Qt::QueuedConnection);
        m_threads.push_back(thread);
        m_workers.push_back(worker);
    }
}

NetworkPool::~NetworkPool() {
    for (size_t i = 0; i < m_workers.size(); ++i) {
        NetworkWorker* worker = m_workers[i];
        worker->disconnect(this);
        // Delete on its own thread: its timers, managers and replies belong there.
        QMetaObject::invokeMethod(
            worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
        m_threads[i]->quit();
        m_threads[i]->wait();
        delete m_threads[i];
    }
}

void NetworkPool::submit(const RequestJob& job) {
    NetworkWorker* worker = *std::min_element(
        m_workers.begin(), m_workers.end(),
        [](const NetworkWorker* a, const NetworkWorker* b) { return a->load() < b->load(); });
    worker->reserve();
    ++m_inFlight;
    QMetaObject::invokeMethod(
        worker, [worker, job] { worker->execute(job); }, Qt::QueuedConnection);
}

void NetworkPool::abortAll(const QString& message) {
    for (NetworkWorker* worker : m_workers) {
        QMetaObject::invokeMethod(
            worker, [worker, message] { worker->abortAll(message); }, Qt::QueuedConnection);
    }
}

double NetworkPool::takeLagP99Ms() {
    double worst = 0.0;
    for (NetworkWorker* worker : m_workers)
        worst = std::max(worst, LagProbe::p99(worker->takeLagSamplesMs()));
    return worst;
}

int NetworkPool::managerCount() const {
    int total = 0;
    for (NetworkWorker* worker : m_workers) {
        int count = 0;
        QMetaObject::invokeMethod(
            worker, [worker, &count] { count = worker->managerCount(); },
            Qt::BlockingQueuedConnection);
        total += count;
    }
    return total;
}

int NetworkPool::peakPerManager() const {
    int peak = 0;
    for (NetworkWorker* worker : m_workers) {
        int value = 0;
        QMetaObject::invokeMethod(
            worker, [worker, &value] { value = worker->peakPerManager(); },
            Qt::BlockingQueuedConnection);
        peak = std::max(peak, value);
    }
    return peak;
}

int NetworkPool::connectionsOpened() const {
    int total = 0;
    for (NetworkWorker* worker : m_workers) {
        int count = 0;
        QMetaObject::invokeMethod(
            worker, [worker, &count] { count = worker->connectionsOpened(); },
            Qt::BlockingQueuedConnection);
        total += count;
    }
    return total;
}

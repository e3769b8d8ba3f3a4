#include "sim/simulatorthread.h"

#include "sim/simledger.h"
#include "sim/simserver.h"
#include "sim/simsteptimer.h"

#include <QJsonDocument>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>

class SimulatorThreadPrivate {
public:
    explicit SimulatorThreadPrivate(const SimConfig& c)
        : config(c)
        , ledger(c.historyLimit, c.kvCacheTokens) {}

    SimConfig config;
    SimLedger ledger;
    mutable QMutex mutex; // guards thread, server and port against concurrent start/stop
    std::unique_ptr<QThread> thread;
    SimServer* server = nullptr; // lives in (and is deleted on) thread
    QHostAddress address;
    quint16 port = 0;
};

SimulatorThread::SimulatorThread(const SimConfig& config)
    : d(std::make_unique<SimulatorThreadPrivate>(config)) {}

SimulatorThread::~SimulatorThread() {
    stop();
}

bool SimulatorThread::start(const QHostAddress& address, quint16 port, QString* error) {
    QMutexLocker lock(&d->mutex);
    if (d->thread) {
        if (error)
            *error = QStringLiteral("the simulator is already running");
        return false;
    }
    QString why;
    if (!d->config.validate(&why)) {
        if (error)
            *error = QStringLiteral("invalid simulator configuration: ") + why;
        return false;
    }
    auto thread = std::make_unique<QThread>();
    thread->setObjectName(QStringLiteral("plateau-sim"));
    // A context object living on the new thread, to run the set-up there.
    QObject anchor;
    anchor.moveToThread(thread.get());
    thread->start(QThread::TimeCriticalPriority);
    bool ok = false;
    SimServer* server = nullptr;
    // Build and bind on the thread itself, so every object is born there.
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            anchor.moveToThread(nullptr); // released: destroyed by this function's thread
            SimStepTimer::tuneCurrentThread();
            server = new SimServer(d->config, &d->ledger);
            ok = server->listen(address, port);
            if (!ok) {
                why = server->errorString();
                delete server;
                server = nullptr;
            }
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        thread->quit();
        thread->wait();
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(address.toString())
                         .arg(port)
                         .arg(why);
        return false;
    }
    d->port = server->serverPort();
    d->address = address;
    d->server = server;
    d->thread = std::move(thread);
    return true;
}

void SimulatorThread::stop() {
    QMutexLocker lock(&d->mutex);
    if (!d->thread)
        return;
    SimServer* server = d->server;
    QMetaObject::invokeMethod(
        server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    d->thread->quit();
    d->thread->wait();
    d->thread.reset();
    d->server = nullptr;
    d->port = 0;
}

bool SimulatorThread::isRunning() const {
    QMutexLocker lock(&d->mutex);
    return d->thread != nullptr;
}

quint16 SimulatorThread::port() const {
    QMutexLocker lock(&d->mutex);
    return d->port;
}

QUrl SimulatorThread::baseUrl() const {
    QMutexLocker lock(&d->mutex);
    if (!d->thread)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    // A wildcard bind is reached through loopback.
    const bool any = d->address == QHostAddress::Any || d->address == QHostAddress::AnyIPv4 ||
                     d->address == QHostAddress::AnyIPv6;
    url.setHost(any ? QStringLiteral("127.0.0.1") : d->address.toString());
    url.setPort(d->port);
    return url;
}

SimStats SimulatorThread::stats() const {
    return d->ledger.stats();
}

QList<SimRequestTruth> SimulatorThread::requests() const {
    return d->ledger.requests();
}

qint64 SimulatorThread::writeRequestsJsonLines(QIODevice* out, quint64* cursor) const {
    const QList<SimRequestTruth> list = d->ledger.finishedAfter(*cursor);
    qint64 lines = 0;
    for (const SimRequestTruth& t : list) {
        const QByteArray line = QJsonDocument(t.toJson()).toJson(QJsonDocument::Compact) + '\n';
        if (out->write(line) != line.size())
            return -1;
        *cursor = t.finishSeq;
        ++lines;
    }
    return lines;
}

void SimulatorThread::resetStats() {
    d->ledger.reset();
}

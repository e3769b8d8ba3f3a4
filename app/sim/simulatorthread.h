#pragma once

#include "sim/simconfig.h"
#include "sim/simstats.h"

#include <QHostAddress>
#include <QIODevice>
#include <QList>
#include <QString>
#include <QUrl>
#include <memory>

class SimulatorThreadPrivate;

// The simulator running on its own thread (engine + HTTP server), for the GUI's
// built-in endpoint, the CLI's `sim` command, tests and benchmarks. All methods are
// thread-safe. The destructor stops it.
class SimulatorThread {
public:
    explicit SimulatorThread(const SimConfig& config = SimConfig{});
    ~SimulatorThread();
    SimulatorThread(const SimulatorThread&) = delete;
    SimulatorThread& operator=(const SimulatorThread&) = delete;

    // Binds address:port (port 0 = any free port). Returns false with a message on failure.
    bool start(const QHostAddress& address = QHostAddress::LocalHost, quint16 port = 0,
               QString* error = nullptr);
    void stop();
    bool isRunning() const;

    quint16 port() const;
    QUrl baseUrl() const; // "http://127.0.0.1:PORT"

    SimStats stats() const;
    QList<SimRequestTruth> requests() const; // ground truth, oldest first (bounded history)
    // The same ground truth as JSON lines (one SimRequestTruth::toJson() object a line, the
    // /sim/requests fields), for a log file: the requests that finished after *cursor (a
    // finishSeq; start at 0), in finishing order; *cursor moves to the last one written, so
    // calling it again appends only what finished since (entries the bounded history
    // dropped in between are lost). Returns the lines written, -1 if a write failed.
    qint64 writeRequestsJsonLines(QIODevice* out, quint64* cursor) const;
    void resetStats(); // counters and history (not the running streams)

private:
    std::unique_ptr<SimulatorThreadPrivate> d;
};

#include "simulatorthread.h"

// Placeholder until the simulator lands.
class SimulatorThreadPrivate {};
SimulatorThread::SimulatorThread(const SimConfig&) : d(std::make_unique<SimulatorThreadPrivate>()) {}
SimulatorThread::~SimulatorThread() = default;
bool SimulatorThread::start(const QHostAddress&, quint16, QString* error)
{
    if (error)
        *error = QStringLiteral("simulator not built yet");
    return false;
}
void SimulatorThread::stop() {}
bool SimulatorThread::isRunning() const { return false; }
quint16 SimulatorThread::port() const { return 0; }
QUrl SimulatorThread::baseUrl() const { return {}; }
SimStats SimulatorThread::stats() const { return {}; }
QList<SimRequestTruth> SimulatorThread::requests() const { return {}; }
void SimulatorThread::resetStats() {}

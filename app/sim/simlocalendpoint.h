#pragma once

#include "common/localendpoint.h"
#include "sim/simconfig.h"

class SimulatorThread;

// The built-in simulator as a LocalEndpoint: what a "sim://PRESET" endpoint runs against.
// Owners of a run install factory() (SweepRunner::setLocalEndpointFactory, the connection
// test), so the core starts the simulator without linking it.
class SimLocalEndpoint : public LocalEndpoint {
public:
    explicit SimLocalEndpoint(const SimConfig& config);
    ~SimLocalEndpoint() override;

    bool start(QString* error) override;
    QUrl baseUrl() const override;
    void stop() override;

    // Checks the preset name (SimPresets) before making one: an unknown name gives null and
    // the message that lists the known ones.
    static LocalEndpointFactory factory();

private:
    std::unique_ptr<SimulatorThread> m_thread;
};

#include "sim/simlocalendpoint.h"

#include "common/simpresets.h"
#include "sim/simulatorthread.h"

#include <QHostAddress>

SimLocalEndpoint::SimLocalEndpoint(const SimConfig& config)
    : m_thread(std::make_unique<SimulatorThread>(config)) {}

SimLocalEndpoint::~SimLocalEndpoint() = default;

bool SimLocalEndpoint::start(QString* error) {
    return m_thread->start(QHostAddress::LocalHost, 0, error);
}

QUrl SimLocalEndpoint::baseUrl() const {
    return m_thread->baseUrl();
}

void SimLocalEndpoint::stop() {
    m_thread->stop();
}

LocalEndpointFactory SimLocalEndpoint::factory() {
    return [](const QString& preset, QString* error) -> std::unique_ptr<LocalEndpoint> {
        if (!SimPresets::check(preset, error))
            return nullptr;
        return std::make_unique<SimLocalEndpoint>(SimConfig::preset(preset));
    };
}

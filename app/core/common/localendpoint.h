#pragma once

#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

// An endpoint that Plateau itself starts for a run, such as the built-in simulator behind a
// "sim://PRESET" URL. The core knows an endpoint only by its URL: whoever owns a run (the GUI's
// run controller, the connection test, the CLI) injects a LocalEndpointFactory, so the core
// links no simulator and a test can hand in any local server.
class LocalEndpoint {
public:
    virtual ~LocalEndpoint() = default;
    // Starts listening on loopback; false with a one-line reason when it cannot.
    virtual bool start(QString* error) = 0;
    // "http://127.0.0.1:PORT" once started.
    virtual QUrl baseUrl() const = 0;
    // Stops it and joins its threads; the destructor stops it too.
    virtual void stop() = 0;
};

// Makes the local endpoint for a preset name (the path of a "sim://" URL); null with a
// one-line reason in *error for a preset it does not know.
using LocalEndpointFactory =
    std::function<std::unique_ptr<LocalEndpoint>(const QString& preset, QString* error)>;

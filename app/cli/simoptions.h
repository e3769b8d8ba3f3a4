#pragma once

#include "sim/simconfig.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <optional>

struct SimInvocation {
    SimConfig config;
    QString presetName = QStringLiteral("default");
    QString configPath;     // --config, if given
    QStringList overrides;  // --set key=value, in order
    QString requestLogPath; // --request-log: ground truth of each finished request (JSON lines)
    QHostAddress host = QHostAddress::LocalHost;
    quint16 port = 0;
    bool listPresets = false;
    bool help = false;

    // "preset default" / "preset large-slow + 2 overrides" / "config sim.json"
    QString describe() const;
};

// Parses `plateau-cli sim`: the configuration is the preset (or --config FILE.json),
// then each --set key=value in order. Binds 127.0.0.1 unless --host says otherwise.
class SimOptions {
public:
    static std::optional<SimInvocation> parse(const QStringList& args, QString* error);
};

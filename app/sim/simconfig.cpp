#include "simconfig.h"

// Placeholder until the simulator lands.
SimConfig SimConfig::preset(const QString&) { return {}; }
QStringList SimConfig::presetNames() { return {QStringLiteral("default")}; }
QJsonObject SimConfig::toJson() const { return {}; }
SimConfig SimConfig::fromJson(const QJsonObject&) { return {}; }

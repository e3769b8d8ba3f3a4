#include "apiflavor.h"

// Placeholder until the flavors land (protocol work in progress).
std::unique_ptr<ApiFlavor> ApiFlavor::create(const QString&) { return nullptr; }
QStringList ApiFlavor::ids() { return {}; }

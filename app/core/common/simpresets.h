#pragma once

#include <QString>
#include <QStringList>

// The built-in simulator's preset names, and the one check every way of naming one goes
// through: `sim:PRESET` in a profile or --url (validate, run, Test connection) and
// `plateau-cli sim --preset NAME`. It lives below the simulator and the profile so both can
// use it; SimConfig::preset() holds what each preset is.
namespace SimPresets {
// "default", "small-fast", "large-slow", "overloaded", "prefix-cache", "early-eos", "kv-bound"
QStringList names();
// False with "unknown simulator preset \"nope\" (known: default, ...)".
bool check(const QString& name, QString* error);
} // namespace SimPresets

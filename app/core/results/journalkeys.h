#pragma once

#include <QJsonObject>

// The journal's keys are snake_case like the results file's. Journals written before that
// used camelCase ("stopReason", "tSendNs"); a reader upgrades each line's keys first, so one
// set of names is read everywhere and an old journal still recovers.
namespace JournalKeys {
// Renames the camelCase keys of an older journal line to today's names, in place. A key
// present under both names keeps the new one.
void upgradeLegacy(QJsonObject* line);
} // namespace JournalKeys

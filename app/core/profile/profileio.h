#pragma once

#include "profile.h"

#include <QJsonObject>
#include <QString>
#include <optional>

// Profile <-> JSON ("schema": "plateau.profile/1"). Loading never crashes: a missing
// file, corrupt JSON, an unknown field, a wrong type, or a newer schema version each
// give a one-line message naming the file and the field.
class ProfileIo {
public:
    static QJsonObject toJson(const Profile& profile);
    static std::optional<Profile> fromJson(const QJsonObject& object, QString* error);
    static std::optional<Profile> load(const QString& path, QString* error);
    // Atomic (QSaveFile): a crash mid-save leaves the old file intact.
    static bool save(const Profile& profile, const QString& path, QString* error);
};

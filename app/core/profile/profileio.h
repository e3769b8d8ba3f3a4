#pragma once

#include "profile/profile.h"

#include <QJsonObject>
#include <QString>
#include <optional>

// Profile <-> JSON ("schema": "plateau.profile/2"; "plateau.profile/1" files load too, with
// the default workload, and are saved as schema 2). Loading never crashes: a missing
// file, corrupt JSON, an unknown field, a wrong type, or a newer schema version each
// give a one-line message naming the file and the field.
// Secrets: an api_key that is not a reference ("${env:NAME}", "keychain:ENTRY") is refused
// by fromJson/load and save, and toJson writes it as "" (results files embed profiles).
class ProfileIo {
public:
    static constexpr const char* schemaName = "plateau.profile/2";

    static QJsonObject toJson(const Profile& profile);
    // Errors name the field ("unknown field 'plan.concurency'"), not a file.
    static std::optional<Profile> fromJson(const QJsonObject& object, QString* error);
    // Errors start with the path: "p.json: unknown field 'plan.concurency'". Any file type
    // is read up to a 16 MiB cap (/dev/zero, a pipe that never ends: refused at the cap).
    static std::optional<Profile> load(const QString& path, QString* error);
    // Through OutputFile: a regular file only (a device, FIFO or directory is refused),
    // atomic (a crash or a full disk mid-save leaves the old file intact), errors with the
    // system's reason ("p.json: cannot save: No space left on device").
    static bool save(const Profile& profile, const QString& path, QString* error);
    // Indented JSON text of toJson() (what save() writes).
    static QByteArray toBytes(const Profile& profile);
};

#pragma once

#include "profile/profile.h"

class ProfileEditor;

// Test helper: types a Profile into the editor's widgets (found by object name), the way
// a person would fill them in, so tests can check that the widgets produce that profile.
namespace ProfileFormDriver {
// Returns false (with QTest failure messages) if a widget is missing.
bool fill(ProfileEditor* editor, const Profile& profile);
// A profile in which every field differs from its default.
Profile everyFieldChanged(const QString& promptFile);
} // namespace ProfileFormDriver

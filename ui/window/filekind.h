#pragma once

#include <QString>

// Tells a profile from a results file by its "schema" field, so File > Open (and a file
// dropped on the window or given on the command line) does the right thing with either.
class FileKind {
public:
    enum Kind { Unknown, Profile, Results };
    // Unknown with a one-line reason when the file is unreadable or not a Plateau file.
    static Kind detect(const QString& path, QString* error);
};

#include "common/simpresets.h"

QStringList SimPresets::names() {
    return {QStringLiteral("default"),      QStringLiteral("small-fast"),
            QStringLiteral("large-slow"),   QStringLiteral("overloaded"),
            QStringLiteral("prefix-cache"), QStringLiteral("early-eos"),
            QStringLiteral("kv-bound")};
}

bool SimPresets::check(const QString& name, QString* error) {
    if (names().contains(name))
        return true;
    if (error)
        *error = name.isEmpty() ? QStringLiteral("names no simulator preset (known: %1)")
                                      .arg(names().join(QStringLiteral(", ")))
                                : QStringLiteral("unknown simulator preset \"%1\" (known: %2)")
                                      .arg(name, names().join(QStringLiteral(", ")));
    return false;
}

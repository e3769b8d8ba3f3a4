#pragma once

#include <QString>

// Resolves an endpoint's key reference to the secret, registering it with SecretMasker.
// "${env:NAME}" reads an environment variable; "" means no key. Other sources (the
// system keychain) are resolved by the GUI and passed in directly.
class ApiKeyResolver {
public:
    // False with a message ("environment variable DATABRICKS_TOKEN is not set") on failure.
    static bool resolve(const QString& reference, QString* secret, QString* error);
    static bool isEnvReference(const QString& reference);
    static QString envReference(const QString& variableName); // "${env:NAME}"
};

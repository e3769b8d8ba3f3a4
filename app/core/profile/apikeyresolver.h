#pragma once

#include <QString>

// Resolves an endpoint's key reference to the secret, registering it with SecretMasker.
// "${env:NAME}" reads an environment variable; "" means no key. Other sources (the
// system keychain, "keychain:ENTRY") are resolved by the GUI and passed in directly.
// Anything else is a literal secret, which a profile must never hold: it is refused.
class ApiKeyResolver {
public:
    // False with a message ("environment variable DATABRICKS_TOKEN is not set") on failure.
    // ("... is set but empty" when it is set to nothing; a key with a line break or another
    // control character is refused, see checkSecret()).
    static bool resolve(const QString& reference, QString* secret, QString* error);
    // A key from any source (the environment, the keychain) must fit in one header line:
    // false with "<source> contains a line break (LF), ..." (the key itself never quoted).
    // source: "the API key in $NAME", "the API key from the keychain".
    static bool checkSecret(const QString& secret, const QString& source, QString* error);
    static bool isEnvReference(const QString& reference);
    static QString envReference(const QString& variableName); // "${env:NAME}"
    // "NAME" of "${env:NAME}"; empty if reference is not an environment reference.
    static QString envVariableName(const QString& reference);

    static bool isKeychainReference(const QString& reference); // "keychain:ENTRY"
    static QString keychainReference(const QString& entry);
    static QString keychainEntry(const QString& reference);

    // Empty, an environment reference or a keychain reference: safe to store in a profile.
    // False means the text is (or looks like) the secret itself.
    static bool isReference(const QString& reference);
};

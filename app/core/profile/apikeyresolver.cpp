#include "apikeyresolver.h"

#include "secretmasker.h"

#include <QRegularExpression>

namespace {
const QRegularExpression& envPattern() {
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(
        QStringLiteral("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)\\}")));
    return pattern;
}

const QString kKeychainPrefix = QStringLiteral("keychain:");
} // namespace

bool ApiKeyResolver::isEnvReference(const QString& reference) {
    return envPattern().match(reference).hasMatch();
}

QString ApiKeyResolver::envReference(const QString& variableName) {
    return QStringLiteral("${env:") + variableName + QLatin1Char('}');
}

QString ApiKeyResolver::envVariableName(const QString& reference) {
    const QRegularExpressionMatch match = envPattern().match(reference);
    return match.hasMatch() ? match.captured(1) : QString();
}

bool ApiKeyResolver::isKeychainReference(const QString& reference) {
    return reference.startsWith(kKeychainPrefix) && reference.size() > kKeychainPrefix.size() &&
           !reference.contains(QLatin1Char('\n'));
}

QString ApiKeyResolver::keychainReference(const QString& entry) {
    return kKeychainPrefix + entry;
}

QString ApiKeyResolver::keychainEntry(const QString& reference) {
    return isKeychainReference(reference) ? reference.mid(kKeychainPrefix.size()) : QString();
}

bool ApiKeyResolver::isReference(const QString& reference) {
    return reference.isEmpty() || isEnvReference(reference) || isKeychainReference(reference);
}

bool ApiKeyResolver::resolve(const QString& reference, QString* secret, QString* error) {
    secret->clear();
    if (reference.isEmpty())
        return true;
    if (isEnvReference(reference)) {
        const QString name = envVariableName(reference);
        const QString value = qEnvironmentVariable(name.toLocal8Bit().constData());
        if (value.isEmpty()) {
            if (error)
                *error = QStringLiteral("environment variable ") + name +
                         QStringLiteral(" is not set (the API key reference is ") + reference +
                         QLatin1Char(')');
            return false;
        }
        // Register before anyone can format an error that might echo the key back.
        SecretMasker::registerSecret(value);
        *secret = value;
        return true;
    }
    if (isKeychainReference(reference)) {
        if (error)
            *error = QStringLiteral("the API key is in the system keychain (") +
                     keychainEntry(reference) +
                     QStringLiteral("); only the desktop app can read it, use ${env:NAME} here");
        return false;
    }
    // Never echo the text back: it is probably the key itself.
    if (error)
        *error = QStringLiteral("the API key must be a reference such as ${env:NAME} or "
                                "keychain:ENTRY, not the key itself");
    return false;
}

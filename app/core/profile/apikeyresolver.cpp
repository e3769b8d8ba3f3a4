#include "profile/apikeyresolver.h"

#include "common/headertext.h"
#include "common/secretmasker.h"

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

bool ApiKeyResolver::checkSecret(const QString& secret, const QString& source, QString* error) {
    const QString problem = HeaderText::valueProblem(secret);
    if (problem.isEmpty())
        return true;
    // The key goes into a header line: a line break in it would start a header of its own.
    // Never quote the key, not even in part.
    if (error)
        *error = source + QStringLiteral(" contains ") + problem +
                 QStringLiteral(", which cannot go into an HTTP header (a trailing newline from "
                                "the file it was read from?)");
    return false;
}

bool ApiKeyResolver::resolve(const QString& reference, QString* secret, QString* error) {
    secret->clear();
    if (reference.isEmpty())
        return true;
    if (isEnvReference(reference)) {
        const QString name = envVariableName(reference);
        const QByteArray variable = name.toLocal8Bit();
        const QString value = qEnvironmentVariable(variable.constData());
        if (value.isEmpty()) {
            if (error)
                *error = QStringLiteral("environment variable ") + name +
                         (qEnvironmentVariableIsSet(variable.constData())
                              ? QStringLiteral(" is set but empty")
                              : QStringLiteral(" is not set")) +
                         QStringLiteral(" (the API key reference is ") + reference +
                         QLatin1Char(')');
            return false;
        }
        // Register before anyone can format an error that might echo the key back.
        SecretMasker::registerSecret(value);
        if (!checkSecret(value, QStringLiteral("the API key in $") + name, error))
            return false;
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

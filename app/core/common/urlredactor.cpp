#include "common/urlredactor.h"

#include <QRegularExpression>

namespace {
const QString kMask = QStringLiteral("***");

QString decodedName(QStringView name) {
    QString text = name.toString();
    text.replace(QLatin1Char('+'), QLatin1Char(' '));
    return QUrl::fromPercentEncoding(text.toUtf8()).trimmed().toLower();
}

// "a=1&api-key=K" -> "a=1&api-key=***"; the separators and other items stay as they were.
QString redactParameters(QStringView parameters) {
    QString out;
    out.reserve(parameters.size());
    qsizetype start = 0;
    while (start <= parameters.size()) {
        qsizetype end = parameters.indexOf(QLatin1Char('&'), start);
        if (end < 0)
            end = parameters.size();
        const QStringView item = parameters.sliced(start, end - start);
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        if (eq > 0 && eq + 1 < item.size() && UrlRedactor::isCredentialParameter(item.first(eq)))
            out += item.first(eq + 1) + kMask;
        else
            out += item;
        if (end < parameters.size())
            out += QLatin1Char('&');
        start = end + 1;
    }
    return out;
}

QStringList parameterSecrets(const QString& parameters) {
    QStringList secrets;
    const QStringList items = parameters.split(QLatin1Char('&'));
    for (const QString& item : items) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        if (eq > 0 && UrlRedactor::isCredentialParameter(QStringView(item).first(eq))) {
            QString value = item.mid(eq + 1);
            value.replace(QLatin1Char('+'), QLatin1Char(' '));
            value = QUrl::fromPercentEncoding(value.toUtf8());
            if (!value.isEmpty())
                secrets.append(value);
        }
    }
    return secrets;
}
} // namespace

bool UrlRedactor::isCredentialParameter(QStringView name) {
    static const QStringList exact = {
        QStringLiteral("api-key"),      QStringLiteral("api_key"),
        QStringLiteral("apikey"),       QStringLiteral("x-api-key"),
        QStringLiteral("key"),          QStringLiteral("token"),
        QStringLiteral("access_token"), QStringLiteral("refresh_token"),
        QStringLiteral("id_token"),     QStringLiteral("auth"),
        QStringLiteral("sig"),          QStringLiteral("signature"),
        QStringLiteral("sas"),          QStringLiteral("password"),
        QStringLiteral("passwd"),       QStringLiteral("pwd"),
        QStringLiteral("secret"),       QStringLiteral("client_secret"),
        QStringLiteral("code"),         QStringLiteral("subscription-key")};
    static const QStringList suffixes = {QStringLiteral("-key"),      QStringLiteral("_key"),
                                         QStringLiteral("-token"),    QStringLiteral("_token"),
                                         QStringLiteral("-secret"),   QStringLiteral("_secret"),
                                         QStringLiteral("-password"), QStringLiteral("_password")};
    const QString lower = decodedName(name);
    if (exact.contains(lower))
        return true;
    for (const QString& suffix : suffixes) {
        if (lower.endsWith(suffix))
            return true;
    }
    return false;
}

QString UrlRedactor::redact(const QString& urlText) {
    const qsizetype schemeEnd = urlText.indexOf(QLatin1String("://"));
    if (schemeEnd <= 0)
        return urlText;
    const qsizetype authorityStart = schemeEnd + 3;
    qsizetype authorityEnd = authorityStart;
    while (authorityEnd < urlText.size() &&
           !QStringLiteral("/?#").contains(urlText.at(authorityEnd)))
        ++authorityEnd;
    QString out = urlText.left(authorityStart);
    const QStringView authority =
        QStringView(urlText).sliced(authorityStart, authorityEnd - authorityStart);
    const qsizetype at = authority.lastIndexOf(QLatin1Char('@'));
    out += at >= 0 ? kMask + authority.sliced(at) : authority.toString();

    // Path, then query and fragment, each with its parameters checked.
    const QStringView rest = QStringView(urlText).sliced(authorityEnd);
    const qsizetype query = rest.indexOf(QLatin1Char('?'));
    const qsizetype fragment = rest.indexOf(QLatin1Char('#'));
    const qsizetype pathEnd = query >= 0 && (fragment < 0 || query < fragment) ? query
                              : fragment >= 0                                  ? fragment
                                                                               : rest.size();
    out += rest.first(pathEnd);
    if (query >= 0 && (fragment < 0 || query < fragment)) {
        const qsizetype queryEnd = fragment >= 0 ? fragment : rest.size();
        out += QLatin1Char('?') + redactParameters(rest.sliced(query + 1, queryEnd - query - 1));
    }
    if (fragment >= 0)
        out += QLatin1Char('#') + redactParameters(rest.sliced(fragment + 1));
    return out;
}

QUrl UrlRedactor::redacted(const QUrl& url) {
    if (!hasCredentials(url))
        return url;
    return QUrl(redact(url.toString(QUrl::FullyEncoded)), QUrl::TolerantMode);
}

QString UrlRedactor::display(const QUrl& url) {
    return redact(url.toString());
}

QString UrlRedactor::redactUrlsIn(const QString& text) {
    if (!text.contains(QLatin1String("://")))
        return text; // the common case, without a regular expression
    static const QRegularExpression urls(
        QStringLiteral("[A-Za-z][A-Za-z0-9+.\\-]*://[^\\s\"'<>`]+"));
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = urls.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += QStringView(text).sliced(last, match.capturedStart() - last);
        out += redact(match.captured());
        last = match.capturedEnd();
    }
    out += QStringView(text).sliced(last);
    return out;
}

bool UrlRedactor::hasCredentials(const QUrl& url) {
    if (!url.userInfo().isEmpty())
        return true;
    return !parameterSecrets(url.query(QUrl::FullyEncoded)).isEmpty() ||
           !parameterSecrets(url.fragment(QUrl::FullyEncoded)).isEmpty();
}

QStringList UrlRedactor::secretsOf(const QUrl& url) {
    QStringList secrets;
    if (!url.password().isEmpty())
        secrets.append(url.password());
    else if (!url.userName().isEmpty())
        secrets.append(url.userName());
    secrets += parameterSecrets(url.query(QUrl::FullyEncoded));
    secrets += parameterSecrets(url.fragment(QUrl::FullyEncoded));
    return secrets;
}

#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>
#include <QUrl>

// Keeps the credentials a URL may carry out of everything Plateau stores or shows: the user
// info ("http://user:pass@host/" -> "http://***@host/") and the values of credential-like
// query (or fragment) parameters ("?api-key=K" -> "?api-key=***"). The URL that is sent is
// never changed; only the copies that leave the engine (results, journal, messages, GUI).
// Credential-like names, compared case-insensitively after percent-decoding: api-key,
// api_key, apikey, x-api-key, subscription-key, key, token, access_token, refresh_token,
// id_token, auth, sig, signature, sas, password, passwd, pwd, secret, client_secret, code,
// and any name ending in -key, _key, -token, _token, -secret, _secret, -password, _password.
namespace UrlRedactor {
// One URL as text ("scheme://..."); text that is not such a URL comes back unchanged.
QString redact(const QString& urlText);
QUrl redacted(const QUrl& url);
// The URL for display or storage, redacted (user info and credential values masked).
QString display(const QUrl& url);
// Every "scheme://..." URL inside free text (error messages), redacted.
QString redactUrlsIn(const QString& text);
bool isCredentialParameter(QStringView name);
// Whether the URL carries user info or a credential-like parameter.
bool hasCredentials(const QUrl& url);
// The secret strings the URL carries, decoded: the password (else a lone user name, which
// is then a token) and the values of credential-like parameters. For SecretMasker, so that
// a server echoing one back in an error body is masked too.
QStringList secretsOf(const QUrl& url);
} // namespace UrlRedactor

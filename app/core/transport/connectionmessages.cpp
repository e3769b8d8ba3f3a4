#include "transport/connectionmessages.h"

#include "common/secretmasker.h"
#include "common/terminalsafe.h"
#include "protocol/flavorsupport.h"
#include "record/requestrecord.h"
#include "transport/tlserrortext.h"

#include <cmath>
#include <initializer_list>
#include <utility>

namespace {
QString displayUrl(const QUrl& url) {
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}

// The record says "HTTP 404: <server text>"; keep only the server's words, ended as a
// sentence so a hint after them does not run on ("File Not Found The API flavor...").
QString serverWords(const ConnectionDiagnosis& d) {
    const QString prefix = QStringLiteral("HTTP %1: ").arg(d.httpStatus);
    QString text = d.errorMessage;
    if (text.startsWith(prefix))
        text.remove(0, prefix.size());
    text = text.trimmed();
    if (text.isEmpty())
        return {};
    if (!QStringLiteral(".!?").contains(text.back()))
        text += QLatin1Char('.');
    return QStringLiteral(" The server said: ") + text;
}

// The server's words, lower-case, for recognising well-known complaints.
QString serverText(const ConnectionDiagnosis& d) {
    return (d.errorMessage + QLatin1Char(' ') + QString::fromUtf8(d.firstBytes)).toLower();
}

bool containsAny(const QString& text, std::initializer_list<const char16_t*> needles) {
    for (const char16_t* needle : needles) {
        if (text.contains(QStringView(needle)))
            return true;
    }
    return false;
}

// Completions-only model or server asked for chat (OpenAI, vLLM, TGI wordings).
bool saysNotChat(const QString& text) {
    return containsAny(text, {u"not a chat model", u"chat template", u"chat_template",
                              u"does not support chat", u"chat completions are not supported",
                              u"did you mean to use v1/completions"});
}

// Chat-only model or server asked for completions.
bool saysChatOnly(const QString& text) {
    return containsAny(text, {u"is a chat model", u"did you mean to use v1/chat/completions",
                              u"only supports chat", u"completions are not supported for this",
                              u"use the chat completions"});
}

bool isOpenAiFlavor(const QString& flavor) {
    return flavor == QLatin1String("openai-chat") || flavor == QLatin1String("openai-completions");
}

bool speaksOpenAi(const QString& flavor) {
    return isOpenAiFlavor(flavor) || flavor == QLatin1String("databricks") ||
           flavor == QLatin1String("azure-openai");
}

// The protocol the answer's own bytes are in, when they make it unmistakable: a typed
// Anthropic event or error body, a Responses event, a TGI token or error, an OpenAI chunk.
// (A bare 404 says nothing about which protocol the server would speak: no guess.)
QString protocolOfAnswer(const ConnectionDiagnosis& d) {
    QString text = QString::fromUtf8(d.firstBytes);
    text.remove(QLatin1Char(' '));
    if (containsAny(text, {u"event:message_start", u"\"type\":\"message_start\"",
                           u"\"type\":\"content_block_delta\"",
                           u"{\"type\":\"error\",\"error\":{\"type\":"}))
        return QStringLiteral("anthropic");
    if (containsAny(text, {u"event:response.", u"\"type\":\"response."}))
        return QStringLiteral("openai-responses");
    if (containsAny(text, {u"\"generated_text\":", u"\"error_type\":"}))
        return QStringLiteral("tgi");
    if (containsAny(text, {u"\"object\":\"embedding\"", u"\"embedding\":["}))
        return QStringLiteral("openai-embeddings");
    if (containsAny(text, {u"\"choices\":[", u"\"object\":\"chat.completion"}))
        return QStringLiteral("openai-chat");
    return QString();
}

} // namespace

QString ConnectionMessages::alternativeFlavor(const ConnectionDiagnosis& d) {
    if (!d.errorClass.isEmpty()) {
        const QString spoken = protocolOfAnswer(d);
        // An OpenAI chunk is what the OpenAI-shaped flavors all expect: nothing to suggest.
        if (!spoken.isEmpty() && spoken != d.flavor &&
            !(spoken == QLatin1String("openai-chat") && speaksOpenAi(d.flavor)))
            return spoken;
        // Another flavor's route in the URL (an embeddings route asked for a generation...).
        const QString routed = flavorOfRoute(d.url, d.flavor);
        if (!routed.isEmpty())
            return routed;
    }
    if (!isOpenAiFlavor(d.flavor) || d.httpStatus < 400)
        return QString();
    const bool chat = d.flavor == QLatin1String("openai-chat");
    const QString text = serverText(d);
    const bool routeMissing = d.httpStatus == 404 || d.httpStatus == 405;
    if (chat && (routeMissing || saysNotChat(text)) && !saysChatOnly(text))
        return QStringLiteral("openai-completions");
    if (!chat && (routeMissing || saysChatOnly(text)) && !saysNotChat(text))
        return QStringLiteral("openai-chat");
    return QString();
}

QString ConnectionMessages::flavorOfRoute(const QUrl& requestUrl, const QString& flavor) {
    static constexpr std::pair<const char16_t*, const char*> kRoutes[] = {
        {u"/messages", "anthropic"},           {u"/responses", "openai-responses"},
        {u"/generate_stream", "tgi"},          {u"/api/chat", "ollama"},
        {u"/embeddings", "openai-embeddings"}, {u"/chat/completions", "openai-chat"}};
    const QString path = requestUrl.path();
    for (const auto& [route, routeFlavor] : kRoutes) {
        const QString id = QLatin1String(routeFlavor);
        // Only a route another came after: the flavor's own was added to the URL's.
        const QStringView named(route);
        const qsizetype at = path.indexOf(named);
        if (id == flavor || at < 0 || at + named.size() >= path.size() ||
            (id == QLatin1String("openai-chat") && speaksOpenAi(flavor)))
            continue;
        return id;
    }
    return QString();
}

QString ConnectionMessages::flavorConfirmed(const QString& flavor, const QUrl& url) {
    return TerminalSafe::escape(
        SecretMasker::mask(QStringLiteral(" The API flavor is probably wrong: a test request "
                                          "with \"%1\" to %2 worked. Switch this endpoint's "
                                          "API flavor to \"%1\".")
                               .arg(flavor, displayUrl(url))));
}

QString ConnectionMessages::requestHints(const ConnectionDiagnosis& d) {
    const QString text = serverText(d);
    if (d.forceExactOutput && containsAny(text, {u"ignore_eos", u"min_tokens"}))
        return QStringLiteral(" This server does not accept the fields that force the exact "
                              "output length (ignore_eos, min_tokens): turn off \"force exact "
                              "output length\" for this endpoint.");
    if (containsAny(text, {u"unrecognized request argument", u"extra inputs are not permitted",
                           u"unknown field", u"unexpected keyword", u"additional properties"}))
        return QStringLiteral(" The server rejects a field of the request: check the endpoint's "
                              "extra body JSON (a server that rejects stream_options can be "
                              "given {\"stream_options\": null} there).");
    if (d.flavor == QLatin1String("openai-chat") && saysNotChat(text))
        return QStringLiteral(" This model seems to be a completions-only model: try the API "
                              "flavor \"openai-completions\".");
    if (d.flavor == QLatin1String("openai-completions") && saysChatOnly(text))
        return QStringLiteral(" This model seems to be a chat model: try the API flavor "
                              "\"openai-chat\".");
    return QString();
}

QString ConnectionMessages::hostPort(const QUrl& url) {
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    return QStringLiteral("%1:%2").arg(url.host()).arg(url.port(defaultPort));
}

QString ConnectionMessages::describe(const ConnectionDiagnosis& d) {
    QString message;
    if (d.errorClass.isEmpty() && d.flavor == QLatin1String("openai-embeddings")) {
        // No stream: no first token to report, the whole answer is the latency.
        message = QStringLiteral("Connected: HTTP %1, an embeddings answer (no stream, so no "
                                 "first token) after %2 ms.")
                      .arg(d.httpStatus)
                      .arg(d.e2eMs, 0, 'f', 1);
    } else if (d.errorClass.isEmpty()) {
        message = QStringLiteral("Connected: HTTP %1, first byte after %2 ms, first token after "
                                 "%3 ms, %4 output tokens (%5).")
                      .arg(d.httpStatus)
                      .arg(d.ttfbMs, 0, 'f', 1)
                      .arg(d.ttftMs < 0 ? QStringLiteral("—") : QString::number(d.ttftMs, 'f', 1))
                      .arg(d.outputTokens)
                      .arg(d.outputTokensSource == QLatin1String("usage")
                               ? QStringLiteral("reported by the server")
                               : QStringLiteral("counted from events; the server sent no usage"));
    } else if (d.httpStatus >= 400) {
        message = describeHttp(d) + requestHints(d);
    } else {
        message = describeNetwork(d);
    }
    return TerminalSafe::escape(SecretMasker::mask(message));
}

QString ConnectionMessages::describeNetwork(const ConnectionDiagnosis& d) {
    const QString& cls = d.errorClass;
    if (cls == ErrorClass::Connect) {
        switch (d.networkError) {
        case QNetworkReply::HostNotFoundError:
            return QStringLiteral("Host not found: \"%1\" could not be resolved. Check the host "
                                  "name in the URL (and your DNS or VPN).")
                .arg(d.url.host());
        case QNetworkReply::ConnectionRefusedError:
            return QStringLiteral("Connection refused: is the server running on %1?")
                .arg(hostPort(d.url));
        default:
            return QStringLiteral("Could not connect to %1: %2.")
                .arg(hostPort(d.url), d.errorMessage);
        }
    }
    const QString alert = TlsErrorText::explainAlert(d.errorMessage);
    if (!alert.isEmpty()) // the server ended the handshake: nothing wrong with its certificate
        return QStringLiteral("TLS error with %1: %2.").arg(hostPort(d.url), alert);
    // TLS 1.3: the server checks the client's certificate after the handshake and, finding
    // none, closes the connection; its alert seldom reaches Qt's error text.
    if (d.url.scheme() == QLatin1String("https") && !d.clientCertificate &&
        d.networkError == QNetworkReply::RemoteHostClosedError && d.httpStatus == 0 &&
        d.firstBytes.isEmpty())
        return QStringLiteral("The server at %1 closed the TLS connection before answering. A "
                              "server that requires a client certificate does this: %2.")
            .arg(hostPort(d.url),
                 TlsErrorText::explainAlert(QStringLiteral("certificate required")));
    if (cls == ErrorClass::Tls) {
        const QString details = d.sslErrors.isEmpty() ? d.errorMessage : d.sslErrors.join(u"; ");
        return QStringLiteral("TLS error with %1: %2. The server's certificate could not be "
                              "verified. (For information: if you trust this server, e.g. a "
                              "test server with a self-signed certificate, TLS verification can "
                              "be turned off for this endpoint. Do that only on a network you "
                              "control.)")
            .arg(hostPort(d.url), details);
    }
    if (cls == ErrorClass::Timeout)
        return QStringLiteral("Timed out: %1").arg(d.errorMessage);
    if (cls == ErrorClass::Reset)
        return QStringLiteral("The connection was closed before the answer was complete: %1")
            .arg(d.errorMessage);
    if (cls == ErrorClass::StreamErrorEvent)
        return QStringLiteral("The server reported an error inside the stream: %1")
            .arg(d.errorMessage);
    if (cls == ErrorClass::BadStream && d.events == 0 && !d.firstBytes.isEmpty())
        return QStringLiteral("The server answered HTTP %1 but not with an event stream "
                              "(Content-Type: %2). Wrong API flavor (\"%3\"), or the server "
                              "ignored \"stream\": true? It sent: %4")
            .arg(d.httpStatus)
            .arg(d.contentType.isEmpty() ? QStringLiteral("none")
                                         : QString::fromLatin1(d.contentType),
                 d.flavor, FlavorSupport::preview(d.firstBytes, 200));
    if (cls == ErrorClass::BadStream)
        return QStringLiteral("The event stream was broken: %1").arg(d.errorMessage);
    if (cls == ErrorClass::Cancelled)
        return QStringLiteral("Cancelled.");
    return QStringLiteral("%1: %2").arg(cls, d.errorMessage);
}

QString ConnectionMessages::describeHttp(const ConnectionDiagnosis& d) {
    const int status = d.httpStatus;
    const QString server = serverWords(d);
    if (status == 401 || status == 403) {
        const QString keyHint =
            !d.keySent ? QStringLiteral("No API key was sent: set one for this endpoint.")
            : d.apiKeyRef.isEmpty()
                ? QStringLiteral("Check the API key.")
                : QStringLiteral("Check the API key (it comes from %1: is that variable set to "
                                 "a valid, unexpired key?).")
                      .arg(d.apiKeyRef);
        return QStringLiteral("HTTP %1 %2: the server did not accept the credentials. %3%4")
            .arg(status)
            .arg(status == 401 ? QStringLiteral("Unauthorized") : QStringLiteral("Forbidden"),
                 keyHint, server);
    }
    if (status == 404)
        return QStringLiteral("HTTP 404 Not Found at %1: check the URL, the model or deployment "
                              "name (\"%2\") and the API flavor (\"%3\").%4")
            .arg(displayUrl(d.url), d.model, d.flavor, server);
    if (status == 400)
        return QStringLiteral("HTTP 400: the server rejected the request.%1").arg(server);
    if (status == 429)
        return QStringLiteral("HTTP 429: the server is rate-limiting (too many requests, or a "
                              "quota is used up).%1")
            .arg(server);
    if (status >= 500)
        return QStringLiteral("HTTP %1: the server failed.%2").arg(status).arg(server);
    return QStringLiteral("HTTP %1.%2").arg(status).arg(server);
}

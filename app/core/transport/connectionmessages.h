#pragma once

#include <QByteArray>
#include <QNetworkReply>
#include <QString>
#include <QStringList>
#include <QUrl>

// Everything known about one finished test request, for explaining it.
struct ConnectionDiagnosis {
    QUrl url;
    QString flavor;
    QString model;
    QString apiKeyRef; // where the key comes from ("${env:NAME}"), never the key
    bool keySent = false;
    QString errorClass;   // ErrorClass, empty on success
    QString errorMessage; // the record's (masked) detail
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText;
    QStringList sslErrors;
    bool clientCertificate = false; // mutual TLS: the endpoint has a client certificate
    int httpStatus = 0;
    QByteArray contentType;
    QByteArray firstBytes;
    int events = 0;
    double ttfbMs = -1;
    double ttftMs = -1;
    double e2eMs = -1; // the whole answer (embeddings: the only latency there is)
    int outputTokens = 0;
    QString outputTokensSource;
    bool forceExactOutput = false; // ignore_eos / min_tokens were sent
};

// Plain-language explanations for "Test connection": what happened and what to check.
class ConnectionMessages {
public:
    static QString describe(const ConnectionDiagnosis& diagnosis);
    // The flavor worth trying when a failed answer suggests a wrong flavor: the protocol
    // its bytes are unmistakably in (an Anthropic, Responses, TGI or OpenAI event or error
    // body), else the flavor whose route the URL names (/messages, /responses, /embeddings...,
    // when it is not this flavor's), else the other OpenAI flavor (a completions-only server hit
    // with chat, or the reverse): 404/405 on the route, or the server's own words ("not a chat
    // model", "chat template", ...). Empty if none.
    static QString alternativeFlavor(const ConnectionDiagnosis& diagnosis);
    // The flavor whose route a request URL names before the flavor's own was added to it: a
    // URL copied from another API (llama.cpp serves /v1/chat/completions, /v1/messages and
    // /v1/responses side by side; .../v1/messages with openai-chat went to
    // .../v1/messages/v1/chat/completions). Empty if none, or if it is chat and the flavor is
    // OpenAI-shaped (they all take a /chat/completions URL).
    static QString flavorOfRoute(const QUrl& requestUrl, const QString& flavor);
    // Appended when a follow-up request with `flavor` worked at `url`.
    static QString flavorConfirmed(const QString& flavor, const QUrl& url);

private:
    static QString describeNetwork(const ConnectionDiagnosis& d);
    static QString describeHttp(const ConnectionDiagnosis& d);
    static QString hostPort(const QUrl& url);
    static QString requestHints(const ConnectionDiagnosis& d);
};

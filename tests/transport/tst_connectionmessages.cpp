#include "common/secretmasker.h"
#include "record/requestrecord.h"
#include "transport/connectionmessages.h"

#include <QTest>

class TestConnectionMessages : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void describe_data();
    void describe();
    void masked();
    void alternativeFlavor_data();
    void alternativeFlavor();
    void protocolOfTheAnswer_data();
    void protocolOfTheAnswer();
    void routeInTheUrl_data();
    void routeInTheUrl();
};

void TestConnectionMessages::describe_data() {
    QTest::addColumn<QString>("errorClass");
    QTest::addColumn<int>("networkError");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("keySent");
    QTest::addColumn<QString>("errorMessage");
    QTest::addColumn<QString>("expected");

    QTest::newRow("dns") << ErrorClass::Connect << int(QNetworkReply::HostNotFoundError) << 0
                         << true << QStringLiteral("Host llm.example.test not found")
                         << QStringLiteral("Host not found: \"llm.example.test\" could not be "
                                           "resolved. Check the host name in the URL (and your "
                                           "DNS or VPN).");
    QTest::newRow("refused") << ErrorClass::Connect << int(QNetworkReply::ConnectionRefusedError)
                             << 0 << true << QString()
                             << QStringLiteral("Connection refused: is the server running on "
                                               "llm.example.test:8443?");
    QTest::newRow("other connect")
        << ErrorClass::Connect << int(QNetworkReply::ProxyConnectionRefusedError) << 0 << true
        << QStringLiteral("Proxy refused")
        << QStringLiteral("Could not connect to llm.example.test:8443: "
                          "Proxy refused.");
    QTest::newRow("401 no key") << ErrorClass::Http4xx << 0 << 401 << false
                                << QStringLiteral("HTTP 401: missing bearer")
                                << QStringLiteral("HTTP 401 Unauthorized: the server did not "
                                                  "accept the credentials. No API key was sent: "
                                                  "set one for this endpoint. The server said: "
                                                  "missing bearer.");
    QTest::newRow("401 key") << ErrorClass::Http4xx << 0 << 401 << true
                             << QStringLiteral("HTTP 401: bad key")
                             << QStringLiteral("HTTP 401 Unauthorized: the server did not accept "
                                               "the credentials. Check the API key (it comes from "
                                               "${env:MY_KEY}: is that variable set to a valid, "
                                               "unexpired key?). The server said: bad key.");
    QTest::newRow("404") << ErrorClass::Http4xx << 0 << 404 << true << QStringLiteral("HTTP 404: ")
                         << QStringLiteral("HTTP 404 Not Found at "
                                           "https://llm.example.test:8443/v1/chat/completions: "
                                           "check the URL, the model or deployment name (\"m\") "
                                           "and the API flavor (\"openai-chat\").");
    QTest::newRow("503") << ErrorClass::Http5xx << 0 << 503 << true
                         << QStringLiteral("HTTP 503: overloaded")
                         << QStringLiteral("HTTP 503: the server failed. The server said: "
                                           "overloaded.");
    QTest::newRow("reset") << ErrorClass::Reset << int(QNetworkReply::RemoteHostClosedError) << 200
                           << true << QStringLiteral("connection lost mid-stream after 3 events")
                           << QStringLiteral("The connection was closed before the answer was "
                                             "complete: connection lost mid-stream after 3 events");
    QTest::newRow("bad stream with events")
        << ErrorClass::BadStream << 0 << 200 << true
        << QStringLiteral("stream ended before its finish chunk (after 2 events)")
        << QStringLiteral("The event stream was broken: stream ended before its finish chunk "
                          "(after 2 events)");
}

void TestConnectionMessages::describe() {
    QFETCH(QString, errorClass);
    QFETCH(int, networkError);
    QFETCH(int, status);
    QFETCH(bool, keySent);
    QFETCH(QString, errorMessage);
    ConnectionDiagnosis d;
    d.url = QUrl(QStringLiteral("https://user:pw@llm.example.test:8443/v1/chat/completions?x=1"));
    d.flavor = QStringLiteral("openai-chat");
    d.model = QStringLiteral("m");
    d.apiKeyRef = QStringLiteral("${env:MY_KEY}");
    d.keySent = keySent;
    d.errorClass = errorClass;
    d.networkError = QNetworkReply::NetworkError(networkError);
    d.httpStatus = status;
    d.errorMessage = errorMessage;
    d.events = errorClass == ErrorClass::BadStream ? 2 : 0;
    QTEST(ConnectionMessages::describe(d), "expected");
}

void TestConnectionMessages::masked() {
    SecretMasker::registerSecret(QStringLiteral("tok-ABCDEF"));
    ConnectionDiagnosis d;
    d.url = QUrl(QStringLiteral("http://h:1"));
    d.errorClass = ErrorClass::StreamErrorEvent;
    d.errorMessage = QStringLiteral("bad token tok-ABCDEF");
    QCOMPARE(ConnectionMessages::describe(d),
             QStringLiteral("The server reported an error inside the stream: bad token ***"));
    SecretMasker::clearForTests();
}

void TestConnectionMessages::alternativeFlavor_data() {
    QTest::addColumn<QString>("flavor");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("serverSaid");
    QTest::addColumn<QString>("expected");
    const QString chat = QStringLiteral("openai-chat");
    const QString completions = QStringLiteral("openai-completions");
    QTest::newRow("chat 404") << chat << 404 << QString() << completions;
    QTest::newRow("chat 405") << chat << 405 << QString() << completions;
    QTest::newRow("completions 404") << completions << 404 << QString() << chat;
    QTest::newRow("chat, not a chat model")
        << chat << 400 << QStringLiteral("This is not a chat model") << completions;
    QTest::newRow("chat, no chat template")
        << chat << 400 << QStringLiteral("you must provide a chat template") << completions;
    QTest::newRow("completions, chat model")
        << completions << 404 << QStringLiteral("This is a chat model") << chat;
    QTest::newRow("chat 404 but the server says chat model")
        << chat << 404
        << QStringLiteral("This is a chat model and thus not supported in v1/completions")
        << QString();
    QTest::newRow("chat 400 other")
        << chat << 400 << QStringLiteral("max_tokens too large") << QString();
    QTest::newRow("chat 401") << chat << 401 << QString() << QString();
    QTest::newRow("success") << chat << 200 << QString() << QString();
    // Databricks and Azure name their routes themselves: a 404 is a name, not a flavor.
    QTest::newRow("databricks 404")
        << QStringLiteral("databricks") << 404 << QString() << QString();
    QTest::newRow("azure 404") << QStringLiteral("azure-openai") << 404 << QString() << QString();
}

void TestConnectionMessages::alternativeFlavor() {
    QFETCH(QString, flavor);
    QFETCH(int, status);
    QFETCH(QString, serverSaid);
    ConnectionDiagnosis d;
    d.url = QUrl(QStringLiteral("http://h:1/v1/chat/completions"));
    d.flavor = flavor;
    d.httpStatus = status;
    d.errorClass = status >= 400 ? ErrorClass::Http4xx : QString();
    d.errorMessage = serverSaid;
    QTEST(ConnectionMessages::alternativeFlavor(d), "expected");
}

void TestConnectionMessages::protocolOfTheAnswer_data() {
    QTest::addColumn<QString>("flavor");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    const QString chat = QStringLiteral("openai-chat");
    const QByteArray chunk = R"(data: {"choices":[{"index":0,"delta":{"content":"hi"}}]})";
    QTest::newRow("anthropic error body")
        << chat << 404
        << QByteArray(R"({"type": "error", "error": {"type": "not_found_error", "message": "x"}})")
        << QStringLiteral("anthropic");
    QTest::newRow("anthropic stream to responses")
        << QStringLiteral("openai-responses") << 200
        << QByteArray("event: message_start\ndata: {\"type\":\"message_start\"}\n\n")
        << QStringLiteral("anthropic");
    QTest::newRow("responses stream to chat")
        << chat << 200
        << QByteArray("event: response.created\ndata: {\"type\":\"response.created\"}\n\n")
        << QStringLiteral("openai-responses");
    QTest::newRow("tgi validation error")
        << chat << 422
        << QByteArray(R"({"error":"Input validation error","error_type":"validation"})")
        << QStringLiteral("tgi");
    QTest::newRow("openai chunk to anthropic")
        << QStringLiteral("anthropic") << 200 << chunk << chat;
    QTest::newRow("openai chunk to databricks")
        << QStringLiteral("databricks") << 200 << chunk << QString();
    // An OpenAI error body names no protocol of its own; a bare 404 none at all.
    QTest::newRow("openai error to anthropic")
        << QStringLiteral("anthropic") << 404
        << QByteArray(R"({"error":{"message":"Not found","type":"invalid_request_error"}})")
        << QString();
    QTest::newRow("anthropic bare 404")
        << QStringLiteral("anthropic") << 404 << QByteArray() << QString();
    QTest::newRow("same protocol")
        << QStringLiteral("anthropic") << 500
        << QByteArray(R"({"type":"error","error":{"type":"api_error","message":"x"}})")
        << QString();
}

void TestConnectionMessages::protocolOfTheAnswer() {
    QFETCH(QString, flavor);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    ConnectionDiagnosis d;
    d.url = QUrl(QStringLiteral("http://h:1/v1/chat/completions"));
    d.flavor = flavor;
    d.httpStatus = status;
    d.errorClass = status >= 400 ? ErrorClass::Http4xx : ErrorClass::BadStream;
    d.firstBytes = body;
    QTEST(ConnectionMessages::alternativeFlavor(d), "expected");
}

void TestConnectionMessages::routeInTheUrl_data() {
    // The request URL: the endpoint's URL with the flavor's own route added where it lacked
    // it (llama.cpp serves all three routes; a URL copied from one API, used with another).
    QTest::addColumn<QString>("flavor");
    QTest::addColumn<QString>("requestUrl");
    QTest::addColumn<QString>("expected");
    const QString chat = QStringLiteral("openai-chat");
    const QString anthropic = QStringLiteral("anthropic");
    const QString responses = QStringLiteral("openai-responses");
    QTest::newRow("messages URL, chat")
        << chat << QStringLiteral("/v1/messages/v1/chat/completions") << anthropic;
    QTest::newRow("responses URL, chat")
        << chat << QStringLiteral("/v1/responses/v1/chat/completions") << responses;
    QTest::newRow("responses URL, anthropic")
        << anthropic << QStringLiteral("/v1/responses/v1/messages") << responses;
    QTest::newRow("chat URL, anthropic")
        << anthropic << QStringLiteral("/v1/chat/completions/v1/messages") << chat;
    QTest::newRow("chat URL, responses")
        << responses << QStringLiteral("/v1/chat/completions/v1/responses") << chat;
    QTest::newRow("embeddings URL, chat")
        << chat << QStringLiteral("/v1/embeddings/v1/chat/completions")
        << QStringLiteral("openai-embeddings");
    // The flavor's own route only: nothing to suggest from the URL (chat's 404 rule stays).
    QTest::newRow("anthropic's own") << anthropic << QStringLiteral("/v1/messages") << QString();
    QTest::newRow("responses' own") << responses << QStringLiteral("/v1/responses") << QString();
    // A chat URL is every OpenAI-shaped flavor's: no suggestion of chat for them.
    QTest::newRow("chat URL, azure")
        << QStringLiteral("azure-openai")
        << QStringLiteral("/openai/deployments/d/chat/completions") << QString();
}

void TestConnectionMessages::routeInTheUrl() {
    QFETCH(QString, flavor);
    QFETCH(QString, requestUrl);
    ConnectionDiagnosis d;
    d.url = QUrl(QStringLiteral("http://127.0.0.1:8080") + requestUrl);
    d.flavor = flavor;
    d.httpStatus = 404;
    d.errorClass = ErrorClass::Http4xx;
    d.errorMessage = QStringLiteral("HTTP 404: File Not Found"); // llama.cpp's words
    QTEST(ConnectionMessages::alternativeFlavor(d), "expected");
}

QTEST_GUILESS_MAIN(TestConnectionMessages)
#include "tst_connectionmessages.moc"

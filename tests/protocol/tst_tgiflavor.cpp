#include "flavorfixture.h"
#include "flavortestutil.h"
#include "profile/endpointconfig.h"
#include "protocol/tgiflavor.h"

#include <QJsonArray>
#include <QTest>

using namespace FlavorTestUtil;

namespace {
QByteArray token(int index, const QByteArray& text, bool special = false,
                 const QByteArray& tail = R"("generated_text":null,"details":null)") {
    return "data:" + QByteArray(R"({"index":)") + QByteArray::number(index) + R"(,"token":{"id":)" +
           QByteArray::number(100 + index) + R"(,"text":")" + text +
           R"(","logprob":-0.5,"special":)" + (special ? "true" : "false") + "}," + tail + "}\n\n";
}
} // namespace

class TestTgiFlavor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void url_data();
    void url();
    void body();
    void streamSplitAnywhere();
    void usageMissing();
    void errorEvent();
    void httpErrorBody();
    void cutBeforeDetails();
    void notTgiStream();
};

void TestTgiFlavor::url_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::newRow("host") << "http://h:8080"
                          << "http://h:8080/generate_stream";
    QTest::newRow("slash") << "http://h:8080/"
                           << "http://h:8080/generate_stream";
    QTest::newRow("full") << "http://h/generate_stream"
                          << "http://h/generate_stream";
    QTest::newRow("hf endpoint") << "https://x.endpoints.huggingface.cloud/"
                                 << "https://x.endpoints.huggingface.cloud/generate_stream";
}

void TestTgiFlavor::url() {
    QFETCH(QString, base);
    QFETCH(QString, expected);
    EndpointConfig endpoint;
    endpoint.url = QUrl(base);
    const QNetworkRequest request = TgiFlavor().buildRequest(endpoint, QStringLiteral("hf_1"));
    QCOMPARE(request.url().toString(), expected);
    QCOMPARE(header(request, "Authorization"), QByteArray("Bearer hf_1"));
}

void TestTgiFlavor::body() {
    EndpointConfig endpoint;
    endpoint.forceExactOutput = true;
    endpoint.extraBody =
        QJsonObject{{QStringLiteral("parameters"), QJsonObject{{QStringLiteral("seed"), 1}}}};
    Prompt prompt;
    prompt.messages = QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                             {QStringLiteral("content"), QStringLiteral("A")}},
                                 QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                             {QStringLiteral("content"), QStringLiteral("B")}}};
    const QJsonObject body = parse(TgiFlavor().buildBody(endpoint, prompt, 12));
    QCOMPARE(body.value(u"inputs").toString(), QStringLiteral("A\nB"));
    const QJsonObject parameters = body.value(u"parameters").toObject();
    QCOMPARE(parameters.value(u"max_new_tokens").toInt(), 12);
    QCOMPARE(parameters.value(u"details").toBool(), true);
    QCOMPARE(parameters.value(u"seed").toInt(), 1); // extraBody merged deep
    QVERIFY(!body.contains(u"stream"));
    QVERIFY(!body.contains(u"model"));
}

void TestTgiFlavor::streamSplitAnywhere() {
    const QByteArray body =
        token(1, "Hello") + token(2, " world") +
        token(3, "</s>", true,
              R"("generated_text":"Hello world","details":{"finish_reason":"eos_token",)"
              R"("generated_tokens":3,"seed":null,"input_length":9})");
    const RequestRecord r = FlavorFixture::runEverySplit(TgiFlavor(), body);
    QCOMPARE(r.id, 7);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage));
    QCOMPARE(r.finishReason, QStringLiteral("stop"));
    QCOMPARE(r.outputTokens, 3); // the server's count, the special token included
    QCOMPARE(r.outputTokensSource, TokenSource::Usage);
    QCOMPARE(r.inputTokens, 9);
    QCOMPARE(r.contentEventNs.size(), 2); // the special token is not content
    const QList<qsizetype> ends = TrackerTest::eventEnds(body);
    QCOMPARE(r.tFirstContentNs, TrackerRun::arrival(ends[0]));
    QCOMPARE(r.tEndNs, TrackerRun::arrival(ends[2]));
}

void TestTgiFlavor::usageMissing() {
    // An older server: no input_length, details without generated_tokens.
    const QByteArray body = token(1, "a") + token(2, "b") + token(3, "c") +
                            token(4, "d", false,
                                  R"("generated_text":"abcd","details":)"
                                  R"({"finish_reason":"length"})");
    const RequestRecord r = FlavorFixture::runEverySplit(TgiFlavor(), body);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage));
    QCOMPARE(r.finishReason, QStringLiteral("length"));
    QCOMPARE(r.outputTokens, 4);
    QCOMPARE(r.outputTokensSource, TokenSource::Events);
    QCOMPARE(r.inputTokensSource, TokenSource::Estimate);
}

void TestTgiFlavor::errorEvent() {
    const QByteArray body = token(1, "a") +
                            "data:{\"error\":\"Request failed during generation: Server error: "
                            "CUDA out of memory\",\"error_type\":\"generation\"}\n\n";
    const RequestRecord r = FlavorFixture::runEverySplit(TgiFlavor(), body);
    QCOMPARE(r.error, ErrorClass::StreamErrorEvent);
    QVERIFY2(r.errorMessage.endsWith(u"CUDA out of memory (generation)"),
             qPrintable(r.errorMessage));
}

void TestTgiFlavor::httpErrorBody() {
    const QByteArray body = R"({"error":"Input validation error: `inputs` tokens + )"
                            R"(`max_new_tokens` must be <= 4096","error_type":"validation"})";
    const RequestRecord r = TrackerRun::run(TgiFlavor(), body, {}, 422, "application/json");
    QCOMPARE(r.error, ErrorClass::Http4xx);
    QVERIFY(r.errorMessage.startsWith(u"HTTP 422: Input validation error"));
}

void TestTgiFlavor::cutBeforeDetails() {
    const RequestRecord r = FlavorFixture::runEverySplit(
        TgiFlavor(), token(1, "a"), "text/event-stream", QNetworkReply::RemoteHostClosedError);
    QCOMPARE(r.error, ErrorClass::Reset);
    QCOMPARE(r.outputTokens, 1);
}

void TestTgiFlavor::notTgiStream() {
    const StreamEvent e =
        TgiFlavor().decodePayload(R"({"choices":[{"index":0,"delta":{"content":"hi"}}]})");
    QVERIFY(e.malformed);
    QVERIFY(e.errorMessage.contains(u"TGI"));
}

QTEST_GUILESS_MAIN(TestTgiFlavor)
#include "tst_tgiflavor.moc"

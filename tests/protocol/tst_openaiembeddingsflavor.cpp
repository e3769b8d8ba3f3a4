#include "flavorfixture.h"
#include "flavortestutil.h"
#include "profile/endpointconfig.h"
#include "protocol/openaiembeddingsflavor.h"

#include <QJsonArray>
#include <QTest>
#include <cmath>

using namespace FlavorTestUtil;

namespace {
// An OpenAI embeddings answer with `entries` vectors; usage omitted when promptTokens < 0.
QByteArray answer(int entries, int promptTokens) {
    QByteArray data;
    for (int i = 0; i < entries; ++i)
        data += (i ? "," : "") + QByteArray(R"({"object":"embedding","index":)") +
                QByteArray::number(i) + R"(,"embedding":[0.25,-0.5,1e-3]})";
    QByteArray body = R"({"object":"list","data":[)" + data + R"(],"model":"e5")";
    if (promptTokens >= 0)
        body += R"(,"usage":{"prompt_tokens":)" + QByteArray::number(promptTokens) +
                R"(,"total_tokens":)" + QByteArray::number(promptTokens) + "}";
    return body + "}";
}

// TrackerRun's record as an embeddings request of `inputs` inputs.
RequestRecord run(const QByteArray& body, int inputs, int status = 200,
                  QNetworkReply::NetworkError close = QNetworkReply::NoError) {
    static const OpenAiEmbeddingsFlavor flavor; // the tracker keeps a reference
    StreamTracker tracker(flavor, [&] {
        RequestRecord r = TrackerRun::baseRecord();
        r.embeddingInputs = inputs;
        return r;
    }());
    tracker.onHeaders(TrackerRun::kHeaders, status, "application/json");
    const qsizetype half = body.size() / 2;
    tracker.onBytes(body.left(half), TrackerRun::arrival(half));
    tracker.onBytes(body.mid(half), TrackerRun::arrival(body.size()));
    tracker.onFinished(TrackerRun::arrival(body.size()) + 5 * TrackerRun::kStep, close,
                       close == QNetworkReply::NoError ? QString() : QStringLiteral("lost"));
    return tracker.takeRecord();
}
} // namespace

class TestOpenAiEmbeddingsFlavor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void url_data();
    void url();
    void body();
    void registered();
    void answerSplitAnywhere();
    void noTtftTpot();
    void usageMissing();
    void countMismatch();
    void errorInAnswer();
    void httpErrors_data();
    void httpErrors();
    void cutShort();
    void notEmbeddings();
};

void TestOpenAiEmbeddingsFlavor::url_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::newRow("host") << "http://h:8000"
                          << "http://h:8000/v1/embeddings";
    QTest::newRow("version") << "http://h:8000/v1/"
                             << "http://h:8000/v1/embeddings";
    QTest::newRow("full") << "https://api.openai.com/v1/embeddings"
                          << "https://api.openai.com/v1/embeddings";
}

void TestOpenAiEmbeddingsFlavor::url() {
    QFETCH(QString, base);
    QFETCH(QString, expected);
    EndpointConfig endpoint;
    endpoint.url = QUrl(base);
    const QNetworkRequest request =
        OpenAiEmbeddingsFlavor().buildRequest(endpoint, QStringLiteral("sk-1"));
    QCOMPARE(request.url().toString(), expected);
    QCOMPARE(header(request, "Authorization"), QByteArray("Bearer sk-1"));
    QCOMPARE(header(request, "Accept"), QByteArray("application/json"));
}

void TestOpenAiEmbeddingsFlavor::body() {
    EndpointConfig endpoint;
    endpoint.model = QStringLiteral("text-embedding-3-small");
    endpoint.forceExactOutput = true; // has no meaning here: never sent
    endpoint.extraBody = QJsonObject{{QStringLiteral("dimensions"), 256}};
    Prompt prompt;
    prompt.text = QStringLiteral("first");
    prompt.batchInputs = {QStringLiteral("first"), QStringLiteral("second"),
                          QStringLiteral("third")};
    const QJsonObject body = parse(OpenAiEmbeddingsFlavor().buildBody(endpoint, prompt, 99));
    QCOMPARE(body.value(u"model").toString(), QStringLiteral("text-embedding-3-small"));
    QCOMPARE(body.value(u"input").toArray().size(), 3);
    QCOMPARE(body.value(u"input").toArray().at(2).toString(), QStringLiteral("third"));
    QCOMPARE(body.value(u"encoding_format").toString(), QStringLiteral("float"));
    QCOMPARE(body.value(u"dimensions").toInt(), 256); // extraBody merged
    for (const char* absent : {"stream", "max_tokens", "stream_options", "ignore_eos"})
        QVERIFY2(!body.contains(QLatin1String(absent)), absent);
    // Without a batch: the one prompt as a one-item array.
    Prompt single;
    single.text = QStringLiteral("alone");
    const QJsonObject one = parse(OpenAiEmbeddingsFlavor().buildBody(endpoint, single, 1));
    QCOMPARE(one.value(u"input").toArray(), QJsonArray{QStringLiteral("alone")});
}

void TestOpenAiEmbeddingsFlavor::registered() {
    const auto flavor = ApiFlavor::create(QStringLiteral("openai-embeddings"));
    QVERIFY(flavor);
    QVERIFY(flavor->embeds());
    QCOMPARE(flavor->framing(), ApiFlavor::Framing::WholeBody);
    QVERIFY(ApiFlavor::ids().contains(QStringLiteral("openai-embeddings")));
}

void TestOpenAiEmbeddingsFlavor::answerSplitAnywhere() {
    // The whole body is one answer: however the reads cut it, the same record, ending at
    // the arrival of its last byte (not at the close).
    const QByteArray body = answer(2, 11);
    const RequestRecord r =
        FlavorFixture::runEverySplit(OpenAiEmbeddingsFlavor(), body, "application/json");
    QCOMPARE(r.id, 7);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage));
    QCOMPARE(r.inputTokens, 11);
    QCOMPARE(r.inputTokensSource, TokenSource::Usage);
    QCOMPARE(r.outputTokens, 0);
    QCOMPARE(r.tLastContentNs, TrackerRun::arrival(body.size()));
    QCOMPARE(r.tEndNs, TrackerRun::arrival(body.size()));
}

void TestOpenAiEmbeddingsFlavor::noTtftTpot() {
    const RequestRecord r = run(answer(4, 40), 4);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage));
    QCOMPARE(r.embeddingInputs, 4);
    QVERIFY(std::isnan(r.ttftMs())); // does not apply: NaN, never 0
    QVERIFY(std::isnan(r.tpotMs()));
    QVERIFY(std::isnan(r.ttfeMs()));
    QVERIFY(r.itlMs().isEmpty());
    QCOMPARE(r.e2eMs(),
             double(TrackerRun::arrival(answer(4, 40).size()) - TrackerRun::kSend) / 1e6);
    QVERIFY(!r.endedEarly());
}

void TestOpenAiEmbeddingsFlavor::usageMissing() {
    const RequestRecord r = run(answer(2, -1), 2);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage));
    QCOMPARE(r.inputTokens, 17); // the generator's estimate stays
    QCOMPARE(r.inputTokensSource, TokenSource::Estimate);
}

void TestOpenAiEmbeddingsFlavor::countMismatch() {
    const RequestRecord r = run(answer(3, 30), 4);
    QCOMPARE(r.error, ErrorClass::BadStream);
    QVERIFY2(r.errorMessage.contains(u"3 embeddings for 4 inputs"), qPrintable(r.errorMessage));
}

void TestOpenAiEmbeddingsFlavor::errorInAnswer() {
    const RequestRecord r =
        run(R"({"error":{"message":"engine overloaded","type":"server_error"}})", 2);
    QCOMPARE(r.error, ErrorClass::StreamErrorEvent);
    QVERIFY2(r.errorMessage.endsWith(u"engine overloaded"), qPrintable(r.errorMessage));
}

void TestOpenAiEmbeddingsFlavor::httpErrors_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorClass");
    QTest::newRow("too many inputs") << 400 << ErrorClass::Http4xx;
    QTest::newRow("input too long") << 413 << ErrorClass::Http4xx;
    QTest::newRow("rate limited") << 429 << ErrorClass::Http429;
    QTest::newRow("server") << 503 << ErrorClass::Http5xx;
}

void TestOpenAiEmbeddingsFlavor::httpErrors() {
    QFETCH(int, status);
    QFETCH(QString, errorClass);
    const RequestRecord r =
        run(R"({"error":{"message":"'input' has 4096 items","type":"invalid_request_error"}})", 2,
            status);
    QCOMPARE(r.error, errorClass);
    QVERIFY2(
        r.errorMessage.startsWith(QStringLiteral("HTTP %1: 'input' has 4096 items").arg(status)),
        qPrintable(r.errorMessage));
}

void TestOpenAiEmbeddingsFlavor::cutShort() {
    // The connection drops inside the answer: a reset, never a short success; a clean close
    // after half an answer: not JSON, a bad_stream.
    const QByteArray body = answer(2, 11);
    QCOMPARE(run(body.left(30), 2, 200, QNetworkReply::RemoteHostClosedError).error,
             ErrorClass::Reset);
    const RequestRecord cut = run(body.left(30), 2);
    QCOMPARE(cut.error, ErrorClass::BadStream);
    QVERIFY2(cut.errorMessage.contains(u"not a JSON object"), qPrintable(cut.errorMessage));
    QCOMPARE(run(QByteArray(), 2).error, ErrorClass::BadStream);
}

void TestOpenAiEmbeddingsFlavor::notEmbeddings() {
    const StreamEvent chat = OpenAiEmbeddingsFlavor().decodePayload(
        R"({"choices":[{"index":0,"message":{"content":"hi"}}]})");
    QVERIFY(chat.malformed);
    QVERIFY(chat.errorMessage.contains(u"\"data\""));
    const StreamEvent noVector =
        OpenAiEmbeddingsFlavor().decodePayload(R"({"data":[{"index":0}]})");
    QVERIFY(noVector.malformed);
    const StreamEvent base64 = OpenAiEmbeddingsFlavor().decodePayload(
        R"({"data":[{"index":0,"embedding":"AAAA"}],"usage":{"prompt_tokens":3}})");
    QVERIFY(!base64.malformed);
    QCOMPARE(base64.embeddingCount, 1);
    QCOMPARE(base64.promptTokens, 3);
}

QTEST_GUILESS_MAIN(TestOpenAiEmbeddingsFlavor)
#include "tst_openaiembeddingsflavor.moc"

// StreamTracker over real llama-server output of the Anthropic Messages (/v1/messages) and
// OpenAI Responses (/v1/responses) APIs (PLATEAU_SAMPLES_DIR, captured with curl -N, see its
// README): split at every byte the same record; TTFT at the first text delta, usage counts,
// the finish reason; cut anywhere before the finish event, a failure and never a short success.
#include "flavorfixture.h"
#include "protocol/anthropicflavor.h"
#include "protocol/openairesponsesflavor.h"

#include <QTest>
#include <memory>

using namespace TrackerTest;

namespace {
std::unique_ptr<ApiFlavor> flavorFor(const QString& id) {
    if (id == AnthropicFlavor::staticId())
        return std::make_unique<AnthropicFlavor>();
    return std::make_unique<OpenAiResponsesFlavor>();
}

// The offset just past the event whose data holds `marker` (its blank line included).
qsizetype endOfEventWith(const QByteArray& body, const QByteArray& marker) {
    const qsizetype at = body.indexOf(marker);
    return at < 0 ? -1 : body.indexOf("\n\n", at) + 2;
}
} // namespace

class TestStreamTrackerProtocolSamples : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void samples_data();
    void samples();
    void truncatedAtEveryOffset_data();
    void truncatedAtEveryOffset();
    void responsesErrorSample();
};

void TestStreamTrackerProtocolSamples::samples_data() {
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("flavor");
    QTest::addColumn<QByteArray>("firstEvent");   // the event that is TTFE
    QTest::addColumn<QByteArray>("firstContent"); // the event that is TTFT
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("finishReason");
    // Both: 8 tokens asked for (max_tokens / max_output_tokens), a 53-token prompt after the
    // chat template; the text is a random-weight model's (multi-byte UTF-8 split by the cuts).
    QTest::newRow("anthropic") << QByteArray("llama-server-anthropic.sse")
                               << AnthropicFlavor::staticId()
                               << QByteArray("\"type\":\"content_block_start\"")
                               << QByteArray("\"type\":\"content_block_delta\"")
                               << QString::fromUtf8("ene Solo Liber Резуédie primo StevenBD")
                               << QStringLiteral("length"); // stop_reason max_tokens
    // llama.cpp ends with response.completed (status "completed") even when the answer hit
    // max_output_tokens, where OpenAI sends response.incomplete: "stop" is what it says.
    QTest::newRow("responses") << QByteArray("llama-server-responses.sse")
                               << OpenAiResponsesFlavor::staticId()
                               << QByteArray("\"type\":\"response.output_item.added\"")
                               << QByteArray("\"type\":\"response.output_text.delta\"")
                               << QString::fromUtf8(
                                      "ederb concaten британdown夫 journalist Between={\\")
                               << QStringLiteral("stop");
}

void TestStreamTrackerProtocolSamples::samples() {
    QFETCH(QByteArray, file);
    QFETCH(QString, flavor);
    QFETCH(QByteArray, firstEvent);
    QFETCH(QByteArray, firstContent);
    QFETCH(QString, text);
    QFETCH(QString, finishReason);
    const QByteArray body = readSample(file.constData());
    const std::unique_ptr<ApiFlavor> decoder = flavorFor(flavor);

    // Whole, byte by byte and split in two at every offset: the same record.
    const RequestRecord r = FlavorFixture::runEverySplit(*decoder, body);
    QCOMPARE(r.id, TrackerRun::baseRecord().id);
    QVERIFY2(r.ok(), qPrintable(r.error + u": " + r.errorMessage));
    QCOMPARE(r.finishReason, finishReason);
    QCOMPARE(int(r.contentEventNs.size()), 8);
    QCOMPARE(r.outputTokens, 8);
    QCOMPARE(r.outputTokensSource, TokenSource::Usage);
    QCOMPARE(r.inputTokens, 53);
    QCOMPARE(r.inputTokensSource, TokenSource::Usage);

    // Fed byte by byte, each event carries the arrival of its own last byte: TTFE at the
    // first output event, TTFT at the first text delta (message_start / response.created and
    // the empty block or part that opens the text are not tokens).
    QCOMPARE(r.tFirstEventNs, TrackerRun::arrival(endOfEventWith(body, firstEvent)));
    QCOMPARE(r.tFirstContentNs, TrackerRun::arrival(endOfEventWith(body, firstContent)));
    QVERIFY(r.tFirstEventNs < r.tFirstContentNs);
    QCOMPARE(r.contentEventNs.first(), r.tFirstContentNs);

    // The answer's text, whatever the cuts (UTF-8 split mid-sequence).
    StreamTracker tracker(*decoder, TrackerRun::baseRecord());
    tracker.setCollectText(true);
    tracker.onHeaders(TrackerRun::kHeaders, 200, "text/event-stream");
    for (qsizetype i = 0; i < body.size(); ++i)
        tracker.onBytes(body.mid(i, 1), TrackerRun::arrival(i + 1));
    QCOMPARE(tracker.collectedText(), text);
}

void TestStreamTrackerProtocolSamples::truncatedAtEveryOffset_data() {
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("flavor");
    QTest::addColumn<QByteArray>("finishEvent");
    QTest::newRow("anthropic") << QByteArray("llama-server-anthropic.sse")
                               << AnthropicFlavor::staticId()
                               << QByteArray("\"type\":\"message_delta\"");
    QTest::newRow("responses") << QByteArray("llama-server-responses.sse")
                               << OpenAiResponsesFlavor::staticId()
                               << QByteArray("\"type\":\"response.completed\"");
}

void TestStreamTrackerProtocolSamples::truncatedAtEveryOffset() {
    // The real stream cut at every byte offset, then closed cleanly or reset: before the
    // finish event (message_delta's stop_reason, response.completed) a failure (bad_stream,
    // reset), never a short success; once it is in, a missing message_stop does not matter.
    QFETCH(QByteArray, file);
    QFETCH(QString, flavor);
    QFETCH(QByteArray, finishEvent);
    const std::unique_ptr<ApiFlavor> decoder = flavorFor(flavor);
    TrackerTest::checkEveryCut(*decoder, readSample(file.constData()), finishEvent, 8);
}

void TestStreamTrackerProtocolSamples::responsesErrorSample() {
    // The file is the body, then curl's status code on its own line: /v1/responses without
    // "input" is refused before the stream starts, as a JSON error.
    const QByteArray file = readSample("llama-server-responses-no-input.txt");
    const QByteArray body = file.left(file.lastIndexOf("\n", file.size() - 2) + 1);
    const int status = file.mid(body.size()).trimmed().toInt();
    QCOMPARE(status, 400);
    for (const QList<qsizetype>& cuts : {QList<qsizetype>{}, QList<qsizetype>{1, 30, 60}}) {
        const RequestRecord r =
            TrackerRun::run(OpenAiResponsesFlavor(), body, cuts, status, "application/json",
                            QNetworkReply::ProtocolInvalidOperationError);
        QCOMPARE(r.error, ErrorClass::Http4xx);
        QCOMPARE(r.httpStatus, 400);
        QCOMPARE(r.errorMessage, QStringLiteral("HTTP 400: 'input' is required"));
        QCOMPARE(r.outputTokens, 0);
    }
}

QTEST_GUILESS_MAIN(TestStreamTrackerProtocolSamples)
#include "tst_streamtracker_protocolsamples.moc"

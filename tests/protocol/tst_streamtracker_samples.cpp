// StreamTracker over real llama-server output (PLATEAU_SAMPLES_DIR): whole, byte by byte,
// and cut at every offset into two or three reads must give the same record.
#include "protocol/openaichatflavor.h"
#include "protocol/openaicompletionsflavor.h"
#include "trackerharness.h"

#include <QRandomGenerator>
#include <QTest>

using namespace TrackerTest;

namespace {
constexpr QNetworkReply::NetworkError kClean = QNetworkReply::NoError;
} // namespace

class TestStreamTrackerSamples : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void samples_data();
    void samples();
    void sampleTimestampsExact();
    void truncatedAtEveryOffset_data();
    void truncatedAtEveryOffset();
    void llamaErrorSample();
    void nonStreamSample();
};

void TestStreamTrackerSamples::samples_data() {
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<bool>("completions");
    QTest::addColumn<int>("contentEvents");
    QTest::addColumn<int>("outputTokens");
    QTest::addColumn<TokenSource>("outputSource");
    QTest::addColumn<int>("inputTokens");
    QTest::addColumn<TokenSource>("inputSource");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("crlf"); // the same sample with \r\n line ends

    QTest::newRow("chat usage") << QByteArray("llama-server-chat-usage.sse") << false << 8 << 8
                                << TokenSource::Usage << 31 << TokenSource::Usage
                                << QStringLiteral("processing ind Append]( voltage entwick Sub gra")
                                << false;
    QTest::newRow("chat no usage")
        << QByteArray("llama-server-chat-nousage.sse") << false << 5 << 5 << TokenSource::Events
        << 17 << TokenSource::Estimate << QStringLiteral("processingancbank vel\uFFFD") << false;
    QTest::newRow("completions usage")
        << QByteArray("llama-server-completions-usage.sse") << true << 5 << 5 << TokenSource::Usage
        << 5 << TokenSource::Usage << QStringLiteral(" Small Hand iliisko ste") << false;
    QTest::newRow("chat usage crlf")
        << QByteArray("llama-server-chat-usage.sse") << false << 8 << 8 << TokenSource::Usage << 31
        << TokenSource::Usage << QStringLiteral("processing ind Append]( voltage entwick Sub gra")
        << true;
    QTest::newRow("completions usage crlf")
        << QByteArray("llama-server-completions-usage.sse") << true << 5 << 5 << TokenSource::Usage
        << 5 << TokenSource::Usage << QStringLiteral(" Small Hand iliisko ste") << true;
}

void TestStreamTrackerSamples::samples() {
    QFETCH(QByteArray, file);
    QFETCH(bool, completions);
    QFETCH(bool, crlf);
    QByteArray body = readSample(file.constData());
    if (crlf)
        body.replace("\n", "\r\n");
    OpenAiChatFlavor chat;
    OpenAiCompletionsFlavor completion;
    const ApiFlavor& flavor = completions ? static_cast<const ApiFlavor&>(completion) : chat;

    QList<QByteArray> raw;
    const RequestRecord canonical = TrackerRun::run(flavor, body, TrackerRun::bytewise(body.size()),
                                                    200, "text/event-stream", kClean, &raw);
    QVERIFY2(canonical.ok(), qPrintable(canonical.errorMessage));
    QTEST(int(canonical.contentEventNs.size()), "contentEvents");
    QTEST(canonical.outputTokens, "outputTokens");
    QTEST(canonical.outputTokensSource, "outputSource");
    QTEST(canonical.inputTokens, "inputTokens");
    QTEST(canonical.inputTokensSource, "inputSource");
    QCOMPARE(canonical.finishReason, QStringLiteral("length"));
    QCOMPARE(canonical.httpStatus, 200);
    QCOMPARE(canonical.tHeadersNs, TrackerRun::kHeaders);
    QCOMPARE(raw.size(), qMin(StreamTracker::MaxRawEvents,
                              int(eventEnds(QByteArray(body).replace("\r\n", "\n")).size())));
    QVERIFY(raw.first().startsWith("{\"choices\""));

    // The collected text, and the same text whatever the cuts (UTF-8 split mid-sequence).
    StreamTracker textTracker(flavor, TrackerRun::baseRecord());
    textTracker.setCollectText(true);
    textTracker.onHeaders(TrackerRun::kHeaders, 200, "text/event-stream");
    for (qsizetype i = 0; i < body.size(); ++i)
        textTracker.onBytes(body.mid(i, 1), TrackerRun::arrival(i + 1));
    QTEST(textTracker.collectedText(), "text");

    COMPARE_RECORDS(TrackerRun::run(flavor, body, {}),
                    TrackerRun::expectedFor(canonical, {}, body.size()), "whole");
    for (qsizetype p = 1; p < body.size(); ++p) {
        COMPARE_RECORDS(TrackerRun::run(flavor, body, {p}),
                        TrackerRun::expectedFor(canonical, {p}, body.size()),
                        QStringLiteral("cut at %1").arg(p));
        for (qsizetype d : {1, 3, 17, 160}) {
            if (p + d >= body.size())
                continue;
            COMPARE_RECORDS(TrackerRun::run(flavor, body, {p, p + d}),
                            TrackerRun::expectedFor(canonical, {p, p + d}, body.size()),
                            QStringLiteral("cuts at %1, %2").arg(p).arg(p + d));
        }
    }
    QRandomGenerator random(42); // seeded: the same cuts on every run
    for (int i = 0; i < 2000; ++i) {
        qsizetype a = random.bounded(int(body.size() - 1)) + 1;
        qsizetype b = random.bounded(int(body.size() - 1)) + 1;
        if (a == b)
            continue;
        if (a > b)
            std::swap(a, b);
        COMPARE_RECORDS(TrackerRun::run(flavor, body, {a, b}),
                        TrackerRun::expectedFor(canonical, {a, b}, body.size()),
                        QStringLiteral("random cuts at %1, %2").arg(a).arg(b));
    }
}

void TestStreamTrackerSamples::sampleTimestampsExact() {
    // Fed byte by byte, each event carries the arrival of its own last byte: role chunk =
    // first event (TTFE) but not TTFT; the finish chunk ends e2e; usage and [DONE] do not.
    const QByteArray body = readSample("llama-server-chat-usage.sse");
    const QList<qsizetype> ends = eventEnds(body);
    QCOMPARE(ends.size(), 12); // role, 8 tokens, finish, usage, [DONE]
    OpenAiChatFlavor flavor;
    const RequestRecord r = TrackerRun::run(flavor, body, TrackerRun::bytewise(body.size()));
    QCOMPARE(r.tFirstEventNs, TrackerRun::arrival(ends[0]));
    QCOMPARE(r.tFirstContentNs, TrackerRun::arrival(ends[1]));
    QList<qint64> content;
    for (int i = 1; i <= 8; ++i)
        content.append(TrackerRun::arrival(ends[i]));
    QCOMPARE(r.contentEventNs, content);
    QCOMPARE(r.tLastContentNs, TrackerRun::arrival(ends[9]));
    QCOMPARE(r.tEndNs, TrackerRun::arrival(ends[11]));
    QCOMPARE(r.ttftMs(), double(TrackerRun::arrival(ends[1]) - TrackerRun::kSend) / 1e6);
    QVERIFY(r.ttfeMs() < r.ttftMs());
    QCOMPARE(r.tpotMs(),
             double(TrackerRun::arrival(ends[9]) - TrackerRun::arrival(ends[1])) / 1e6 / 7);
}

void TestStreamTrackerSamples::truncatedAtEveryOffset_data() {
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<bool>("completions");
    QTest::newRow("chat usage") << QByteArray("llama-server-chat-usage.sse") << false;
    QTest::newRow("chat no usage") << QByteArray("llama-server-chat-nousage.sse") << false;
    QTest::newRow("completions usage") << QByteArray("llama-server-completions-usage.sse") << true;
}

void TestStreamTrackerSamples::truncatedAtEveryOffset() {
    // The real stream cut at every byte offset, then closed cleanly or reset: before the
    // finish chunk it is a failure (bad_stream / reset), never a short success; once the
    // finish chunk is in, a missing usage trailer or [DONE] does not matter.
    QFETCH(QByteArray, file);
    QFETCH(bool, completions);
    const QByteArray body = readSample(file.constData());
    OpenAiChatFlavor chat;
    OpenAiCompletionsFlavor completion;
    const ApiFlavor& flavor = completions ? static_cast<const ApiFlavor&>(completion) : chat;
    TrackerTest::checkEveryCut(flavor, body, "\"finish_reason\":\"length\"", 8,
                               [](const RequestRecord& clean, const QString& where) {
                                   if (clean.ok())
                                       QCOMPARE(clean.finishReason, QStringLiteral("length"));
                                   QVERIFY2(clean.outputTokens >= 0 && clean.outputTokens <= 8,
                                            qPrintable(where));
                               });
}

void TestStreamTrackerSamples::llamaErrorSample() {
    // The file is the body, then curl's status code on its own line.
    const QByteArray file = readSample("llama-server-bad-json.txt");
    const QByteArray body = file.left(file.lastIndexOf("\n", file.size() - 2) + 1);
    const int status = file.mid(body.size()).trimmed().toInt();
    QCOMPARE(status, 500);
    OpenAiChatFlavor flavor;
    for (const QList<qsizetype>& cuts : {QList<qsizetype>{}, QList<qsizetype>{1, 40, 100}}) {
        const RequestRecord r = TrackerRun::run(flavor, body, cuts, status, "application/json",
                                                QNetworkReply::InternalServerError);
        QCOMPARE(r.error, ErrorClass::Http5xx);
        QCOMPARE(r.httpStatus, 500);
        QVERIFY2(r.errorMessage.startsWith(u"HTTP 500: [json.exception.parse_error.101]"),
                 qPrintable(r.errorMessage));
        QCOMPARE(r.outputTokens, 0);
    }
}

void TestStreamTrackerSamples::nonStreamSample() {
    const QByteArray body = readSample("llama-server-chat-nonstream.json");
    OpenAiChatFlavor flavor;
    const RequestRecord r = TrackerRun::run(flavor, body, {}, 200, "application/json");
    QCOMPARE(r.error, ErrorClass::BadStream);
    QVERIFY2(r.errorMessage.contains(u"not an event stream"), qPrintable(r.errorMessage));
    QVERIFY2(r.errorMessage.contains(u"application/json"), qPrintable(r.errorMessage));
}

QTEST_GUILESS_MAIN(TestStreamTrackerSamples)
#include "tst_streamtracker_samples.moc"

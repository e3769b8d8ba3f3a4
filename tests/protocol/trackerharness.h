#pragma once

#include "protocol/apiflavor.h"
#include "protocol/streamtracker.h"
#include "record/requestrecord.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QStringList>
#include <QTest>
#include <functional>

// Drives a StreamTracker over a body cut into reads, with arrival times derived from the
// byte offsets (a read ending at byte offset k "arrives" at kBase + k * kStep ns). With
// that clock, exactness is checkable: an event must carry the arrival of the read that
// holds its last byte, whatever the cuts.
struct TrackerRun {
    static constexpr qint64 kSend = 1'000'000;
    static constexpr qint64 kHeaders = 2'000'000;
    static constexpr qint64 kBase = 3'000'000;
    static constexpr qint64 kStep = 1'000;

    static qint64 arrival(qsizetype endOffset) { return kBase + qint64(endOffset) * kStep; }

    static RequestRecord baseRecord() {
        RequestRecord record;
        record.id = 7;
        record.level = 2;
        record.tSchedNs = 900'000;
        record.tSendNs = kSend;
        record.inputTokens = 17; // the generator's estimate
        return record;
    }

    // cuts: increasing offsets inside body; close: how the transfer ended.
    static RequestRecord run(const ApiFlavor& flavor, const QByteArray& body,
                             const QList<qsizetype>& cuts, int status = 200,
                             const QByteArray& contentType = "text/event-stream",
                             QNetworkReply::NetworkError close = QNetworkReply::NoError,
                             QList<QByteArray>* rawEvents = nullptr) {
        StreamTracker tracker(flavor, baseRecord());
        tracker.onHeaders(kHeaders, status, contentType);
        qsizetype from = 0;
        QList<qsizetype> ends = cuts;
        ends.append(body.size());
        for (qsizetype end : ends) {
            if (end > from)
                tracker.onBytes(body.mid(from, end - from), arrival(end));
            from = end;
        }
        tracker.onFinished(arrival(body.size()) + 5 * kStep, close,
                           close == QNetworkReply::NoError ? QString()
                                                           : QStringLiteral("network failure"));
        if (rawEvents)
            *rawEvents = tracker.firstRawEvents();
        return tracker.takeRecord();
    }

    static QList<qsizetype> bytewise(qsizetype size) {
        QList<qsizetype> cuts;
        for (qsizetype i = 1; i < size; ++i)
            cuts.append(i);
        return cuts;
    }

    // The record `canonical` (fed byte by byte) as it must look for reads ending at `cuts`:
    // each timestamp moves to the end of the read holding that byte.
    static RequestRecord expectedFor(const RequestRecord& canonical, QList<qsizetype> cuts,
                                     qsizetype bodySize) {
        cuts.append(bodySize);
        const auto map = [&](qint64 t) -> qint64 {
            if (t < kBase || t > arrival(bodySize))
                return t; // not a byte arrival (headers, close)
            const qsizetype byteEnd = qsizetype((t - kBase) / kStep);
            for (qsizetype end : cuts) {
                if (end >= byteEnd)
                    return arrival(end);
            }
            return t;
        };
        RequestRecord expected = canonical;
        expected.tFirstEventNs = map(canonical.tFirstEventNs);
        expected.tFirstContentNs = map(canonical.tFirstContentNs);
        expected.tLastContentNs = map(canonical.tLastContentNs);
        expected.tEndNs = map(canonical.tEndNs);
        for (qint64& t : expected.contentEventNs)
            t = map(t);
        return expected;
    }
};

// Shared by the StreamTracker tests.
namespace TrackerTest {
inline QByteArray readSample(const char* name) {
    QFile file(QStringLiteral(PLATEAU_SAMPLES_DIR "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing sample %s", name);
    return file.readAll();
}

inline QString differences(const RequestRecord& a, const RequestRecord& b) {
    QStringList diff;
    const auto check = [&](const char* field, const auto& x, const auto& y) {
        if (!(x == y))
            diff.append(QLatin1String(field));
    };
    check("id", a.id, b.id);
    check("tHeadersNs", a.tHeadersNs, b.tHeadersNs);
    check("tFirstEventNs", a.tFirstEventNs, b.tFirstEventNs);
    check("tFirstContentNs", a.tFirstContentNs, b.tFirstContentNs);
    check("tLastContentNs", a.tLastContentNs, b.tLastContentNs);
    check("tEndNs", a.tEndNs, b.tEndNs);
    check("contentEventNs", a.contentEventNs, b.contentEventNs);
    check("outputTokens", a.outputTokens, b.outputTokens);
    check("outputTokensSource", a.outputTokensSource, b.outputTokensSource);
    check("inputTokens", a.inputTokens, b.inputTokens);
    check("inputTokensSource", a.inputTokensSource, b.inputTokensSource);
    check("httpStatus", a.httpStatus, b.httpStatus);
    check("finishReason", a.finishReason, b.finishReason);
    check("error", a.error, b.error);
    check("errorMessage", a.errorMessage, b.errorMessage);
    return diff.join(u", ");
}

inline QString context(const char* text) {
    return QString::fromUtf8(text);
}
inline QString context(const QString& text) {
    return text;
}

#define COMPARE_RECORDS(actual, expected, where)                                                   \
    do {                                                                                           \
        const QString diff_ = differences(actual, expected);                                       \
        QVERIFY2(diff_.isEmpty(), qPrintable(context(where) + u": " + diff_));                     \
    } while (false)

// Synthetic SSE pieces.
inline QByteArray sse(const QByteArray& payload) {
    return "data: " + payload + "\n\n";
}
inline QByteArray role() {
    return sse(R"({"choices":[{"index":0,"delta":{"role":"assistant","content":null}}]})");
}
inline QByteArray chunk(const QByteArray& text) {
    return sse(R"({"choices":[{"index":0,"delta":{"content":")" + text + R"("}}]})");
}
inline QByteArray finish(const QByteArray& reason = "stop") {
    return sse(R"({"choices":[{"index":0,"delta":{},"finish_reason":")" + reason + R"("}]})");
}
inline QByteArray usage(int prompt, int completion) {
    return sse(R"({"choices":[],"usage":{"prompt_tokens":)" + QByteArray::number(prompt) +
               R"(,"completion_tokens":)" + QByteArray::number(completion) + "}}");
}
inline QByteArray done() {
    return sse("[DONE]");
}

// A real stream cut at every byte offset, then closed cleanly or reset. Before its finish
// event (the one holding `finishMarker`) it is a failure (bad_stream, reset), never a short
// success; once that event is in, what is missing after it does not matter. A clean close
// completes a last event that lacks its blank line, so the finish event counts from the end
// of its data line; a reset needs the whole event. Whatever the outcome, the tokens seen so
// far are kept (a clean close may add the one last event; a reset never does), at most
// `maxEvents`. `eachCut` adds a test's own checks of the clean close's record.
inline void
checkEveryCut(const ApiFlavor& flavor, const QByteArray& body, const QByteArray& finishMarker,
              qsizetype maxEvents,
              const std::function<void(const RequestRecord&, const QString&)>& eachCut = {}) {
    const qsizetype finishAt = body.indexOf(finishMarker);
    QVERIFY(finishAt > 0);
    const qsizetype lineEnd = body.indexOf('\n', finishAt);
    const qsizetype eventEnd = lineEnd + 2;
    QCOMPARE(body.mid(lineEnd, 2), QByteArray("\n\n"));
    for (qsizetype p = 0; p <= body.size(); ++p) {
        const QByteArray prefix = body.left(p);
        const QString where = QStringLiteral("cut at %1 of %2").arg(p).arg(body.size());
        const RequestRecord clean = TrackerRun::run(flavor, prefix, {});
        const RequestRecord reset = TrackerRun::run(flavor, prefix, {}, 200, "text/event-stream",
                                                    QNetworkReply::RemoteHostClosedError);
        if (p >= lineEnd)
            QVERIFY2(clean.ok(), qPrintable(where + u": " + clean.errorMessage));
        else
            QVERIFY2(clean.error == ErrorClass::BadStream && !clean.errorMessage.isEmpty(),
                     qPrintable(where + u": " + clean.error + u" " + clean.errorMessage));
        if (p >= eventEnd)
            QVERIFY2(reset.ok(), qPrintable(where + u": " + reset.errorMessage));
        else
            QVERIFY2(reset.error == ErrorClass::Reset,
                     qPrintable(where + u": " + reset.error + u" " + reset.errorMessage));
        const qsizetype extra = clean.contentEventNs.size() - reset.contentEventNs.size();
        QVERIFY2(extra == 0 || extra == 1, qPrintable(where));
        QVERIFY2(clean.contentEventNs.size() <= maxEvents, qPrintable(where));
        if (eachCut)
            eachCut(clean, where);
        if (QTest::currentTestFailed())
            return;
    }
}

// Positions just after each "\n\n" (the byte that completes each event).
inline QList<qsizetype> eventEnds(const QByteArray& body) {
    QList<qsizetype> ends;
    for (qsizetype at = body.indexOf("\n\n"); at >= 0; at = body.indexOf("\n\n", at + 2))
        ends.append(at + 2);
    return ends;
}
} // namespace TrackerTest

#pragma once

#include "protocol/apiflavor.h"
#include "protocol/eventscan.h"
#include "protocol/sseparser.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <QTest>

// Shared by the tests of the decoders' fast paths (ChunkScanner, AnthropicScanner,
// ResponsesScanner): each must decode exactly as its flavor's QJsonDocument reference.
namespace ScannerCheck {
using Reference = StreamEvent (*)(const QByteArray& payload);
using Scan = EventScan::Result (*)(QByteArrayView payload, StreamEvent* event, EventScan::Text);

inline QString describe(const StreamEvent& e) {
    return QStringLiteral("done=%1 choices=%2 content=%3 role=%4 text=[%5] finish=[%6] usage=%7/%8 "
                          "error=%9 malformed=%10 msg=[%11]")
        .arg(e.done)
        .arg(e.hasChoices)
        .arg(e.hasContent)
        .arg(e.roleOnly)
        .arg(e.text, e.finishReason)
        .arg(e.promptTokens)
        .arg(e.completionTokens)
        .arg(e.isError)
        .arg(e.malformed)
        .arg(e.errorMessage);
}

// Where the decodings of `payload` disagree, empty when they do not: the flavor's (its fast
// path first), the scanner's own result (`scanned`, null when it did not decode), and the
// flavor's decoding without the text, against the reference's. Without the text, an event
// the scanner decoded must have none, and everything else must be the same.
inline QString disagreement(const ApiFlavor& flavor, Reference reference, const QByteArray& payload,
                            const StreamEvent* scanned) {
    const QString expected = describe(reference(payload));
    const StreamEvent viaFlavor = flavor.decodePayload(payload);
    if (describe(viaFlavor) != expected || viaFlavor.raw != payload)
        return QStringLiteral("flavor: %1\nreference: %2").arg(describe(viaFlavor), expected);
    if (scanned && describe(*scanned) != expected)
        return QStringLiteral("scanner: %1\nreference: %2").arg(describe(*scanned), expected);
    StreamEvent lean = flavor.decodeWithoutText(payload);
    if (scanned && !lean.text.isEmpty())
        return QStringLiteral("text decoded though not asked for: %1").arg(lean.text);
    lean.text = reference(payload).text;
    if (describe(lean) != expected)
        return QStringLiteral("without text: %1\nreference: %2").arg(describe(lean), expected);
    return QString();
}

// The columns of a test's rows: a payload, and whether the fast path should decode it.
inline void addColumns() {
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("fast");
}
inline void row(const char* name, const QByteArray& payload, bool fast) {
    QTest::newRow(name) << payload << fast;
}

// One row: `scan` decodes the payload exactly when `fast`, and every decoding agrees with
// the reference's. Empty when all holds, else what does not.
inline QString check(const ApiFlavor& flavor, Scan scan, Reference reference,
                     const QByteArray& payload, bool fast) {
    StreamEvent scanned;
    const bool decoded =
        scan(payload, &scanned, EventScan::Text::Decode) == EventScan::Result::Decoded;
    if (decoded != fast)
        return decoded ? QStringLiteral("decoded by the fast path")
                       : QStringLiteral("left to the full parser");
    return disagreement(flavor, reference, payload, decoded ? &scanned : nullptr);
}

// A data-driven test function over addColumns' rows.
inline void verifyRow(const ApiFlavor& flavor, Scan scan, Reference reference) {
    QFETCH(QByteArray, payload);
    QFETCH(bool, fast);
    const QString diff = check(flavor, scan, reference, payload, fast);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

// Every payload of a sample stream (tests/data/samples), "[DONE]" left out.
inline QList<QByteArray> samplePayloads(const char* name) {
    QFile file(QStringLiteral(PLATEAU_SAMPLES_DIR "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    SseParser parser;
    QList<QByteArray> events = parser.feed(file.readAll());
    events += parser.finish();
    events.removeAll(QByteArray("[DONE]"));
    return events;
}

// A real stream: how many payloads it has and how many carry content or the end.
struct SampleCounts {
    int payloads = 0, content = 0, done = 0;
    QString failure; // the first payload the fast path did not decode as the reference
};

// Every payload of the sample must take the fast path and agree with the reference.
inline SampleCounts checkSample(const ApiFlavor& flavor, Scan scan, Reference reference,
                                const char* name) {
    SampleCounts counts;
    for (const QByteArray& payload : samplePayloads(name)) {
        StreamEvent event;
        const QString diff = check(flavor, scan, reference, payload, true);
        if (diff.isEmpty())
            scan(payload, &event, EventScan::Text::Decode);
        else if (counts.failure.isEmpty())
            counts.failure = QString::fromUtf8(payload) + QLatin1Char('\n') + diff;
        ++counts.payloads;
        counts.content += event.hasContent ? 1 : 0;
        counts.done += event.done ? 1 : 0;
    }
    return counts;
}
// checkSample's counts as expected, and every payload on the fast path.
inline void verifySample(const ApiFlavor& flavor, Scan scan, Reference reference, const char* name,
                         int payloads, int content, int done) {
    const SampleCounts counts = checkSample(flavor, scan, reference, name);
    QVERIFY2(counts.failure.isEmpty(), qPrintable(counts.failure));
    QCOMPARE(counts.payloads, payloads);
    QCOMPARE(counts.content, content);
    QCOMPARE(counts.done, done);
}
} // namespace ScannerCheck

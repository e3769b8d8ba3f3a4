#pragma once

#include "trackerharness.h"

// Shared by the tests of the non-OpenAI flavors: a fixture fed whole, byte by byte and
// split in two at every byte must give the same record (timestamps moved to the read that
// completed their event). Returns the byte-by-byte record.
namespace FlavorFixture {
inline RequestRecord runEverySplit(const ApiFlavor& flavor, const QByteArray& body,
                                   const QByteArray& contentType = "text/event-stream",
                                   QNetworkReply::NetworkError close = QNetworkReply::NoError) {
    using namespace TrackerTest;
    const RequestRecord canonical =
        TrackerRun::run(flavor, body, TrackerRun::bytewise(body.size()), 200, contentType, close);
    const QList<qsizetype> none;
    const RequestRecord whole = TrackerRun::run(flavor, body, none, 200, contentType, close);
    const RequestRecord expectedWhole = TrackerRun::expectedFor(canonical, none, body.size());
    if (!differences(whole, expectedWhole).isEmpty())
        qWarning("whole body differs: %s", qPrintable(differences(whole, expectedWhole)));
    for (qsizetype cut = 1; cut < body.size(); ++cut) {
        const QList<qsizetype> cuts{cut};
        const RequestRecord split = TrackerRun::run(flavor, body, cuts, 200, contentType, close);
        const RequestRecord expected = TrackerRun::expectedFor(canonical, cuts, body.size());
        const QString diff = differences(split, expected);
        if (!diff.isEmpty()) {
            qWarning("split at %lld differs: %s", qlonglong(cut), qPrintable(diff));
            return RequestRecord{}; // id 0: the caller's QCOMPARE on the record fails
        }
    }
    return differences(whole, expectedWhole).isEmpty() ? canonical : RequestRecord{};
}
} // namespace FlavorFixture

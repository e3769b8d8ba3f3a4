#pragma once

#include "servermetrics/recognizedmetrics.h"

#include <QMetaType>
#include <QString>

// One successful scrape as MetricsScraper hands it over: stamped on the client's clock when
// the answer arrived (ms since the run's origin), parsed and recognised.
struct ServerScrape {
    qint64 tMs = 0;
    qint64 durationMs = 0; // request sent to answer read
    qint64 bytes = 0;
    qint64 series = 0;
    qint64 badLines = 0;
    RecognizedMetrics metrics;
};

// What went wrong with the metrics URL, each reported once per scraper.
enum class ScrapeWarning {
    Refused,      // nothing listens there
    Unauthorized, // 401 or 403
    NotFound,     // 404
    HttpError,    // any other non-2xx status
    Timeout,      // no whole answer within the timeout
    TooLarge,     // the answer is over the size cap
    Garbage,      // not the Prometheus text format (or bad lines in it)
    Unrecognized, // well formed, but no known engine's names
    NetworkError, // TLS, DNS, a reset...
};

Q_DECLARE_METATYPE(ServerScrape)
Q_DECLARE_METATYPE(ScrapeWarning)

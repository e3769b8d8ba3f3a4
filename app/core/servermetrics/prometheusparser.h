#pragma once

#include "servermetrics/prometheusscrape.h"

#include <QByteArrayView>

// Caps on what one scrape may hold; over one, a clear error instead of memory or time spent.
struct PrometheusLimits {
    qint64 maxBytes = 16 * 1024 * 1024; // the whole exposition
    int maxLineBytes = 64 * 1024;       // one line: a longer one is a bad line
    qint64 maxSeries = 100'000;         // samples in all
    int maxLabels = 64;                 // on one sample: more is a bad line
};

// The Prometheus text exposition format 0.0.4, as the engines' clients write it and as
// Prometheus' own parser reads it, with two leniencies: a family's samples need not be
// contiguous, and the last line needs no final newline. Lines end with LF or CRLF.
// Samples are grouped into families: x_bucket, x_sum and x_count into histogram x; x_sum,
// x_count and x{quantile=...} into summary x; x_total into counter x when x was typed
// (OpenMetrics style; "# TYPE x_total counter", the 0.0.4 style, names the family itself).
// Families with no sample are dropped. Thread-safe: parse() keeps no state.
class PrometheusParser {
public:
    explicit PrometheusParser(const PrometheusLimits& limits = PrometheusLimits{});
    PrometheusScrape parse(QByteArrayView text) const;

private:
    PrometheusLimits m_limits;
};

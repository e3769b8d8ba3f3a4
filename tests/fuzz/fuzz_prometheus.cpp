// libFuzzer target for the server-metrics path: arbitrary bytes -> PrometheusParser (small
// caps, so they are reached) -> EngineRecognizer (with extra names) -> ServerMetricsTimeline,
// the input's halves and the whole fed as three scrapes. Must never crash, hang or trip
// ASan/UBSan, and what comes out must hold together: caps respected, reasons one printable
// line, finite recognised values, valid histograms, quantiles inside their buckets' range,
// rates never negative, percentiles in order.
#include "servermetrics/enginerecognizer.h"
#include "servermetrics/prometheusparser.h"
#include "servermetrics/servermetricstimeline.h"

#include <QByteArray>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {
// Says which invariant broke before aborting, so a crash report names it.
void checkAt(bool condition, const char* what, int line) {
    if (condition)
        return;
    std::fprintf(stderr, "fuzz_prometheus: invariant failed at line %d: %s\n", line, what);
    std::abort();
}
#define check(condition) checkAt((condition), #condition, __LINE__)

PrometheusLimits limits() {
    PrometheusLimits l;
    l.maxBytes = 1 << 20;
    l.maxLineBytes = 4096;
    l.maxSeries = 2000;
    l.maxLabels = 8;
    return l;
}

bool printableLine(const QString& text) {
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() >= 0x7f)
            return false;
    }
    return true;
}

void checkScrape(const PrometheusScrape& s, const PrometheusLimits& l) {
    check(s.firstIssues.size() <= PrometheusScrape::kKeptIssues);
    check(s.badLines >= s.firstIssues.size());
    for (const ParseIssue& issue : s.firstIssues)
        check(!issue.reason.isEmpty() && printableLine(issue.reason) && issue.line >= 1);
    check(printableLine(s.error));
    if (!s.ok()) {
        check(s.families.isEmpty());
        return;
    }
    qint64 samples = 0;
    for (const MetricFamily& f : s.families) {
        check(!f.samples.isEmpty() && !f.name.isEmpty());
        for (const MetricSample& sample : f.samples) {
            check(sample.name.startsWith(f.name));
            check(sample.labels.size() <= l.maxLabels);
        }
        samples += f.samples.size();
    }
    check(samples == s.series && s.series <= l.maxSeries);
}

void checkHistogram(const ServerHistogram& h) {
    check(h.isValid());
    const size_t n = h.upperBounds.size();
    for (const double q : {0.0, 0.5, 0.9, 0.99, 1.0}) {
        const double v = h.quantile(q);
        if (std::isnan(v))
            continue;
        check(v <= h.upperBounds[n - 2]);
        check(v >= std::min(0.0, h.upperBounds[0]));
    }
}

void checkRecognized(const RecognizedMetrics& r) {
    for (const auto& [metric, value] : r.values) {
        check(std::isfinite(value));
        check(ServerVocabulary::kind(metric) != MetricKind::Histogram);
        check(r.sourceNames.count(metric) == 1);
    }
    for (const auto& [metric, h] : r.histograms) {
        check(ServerVocabulary::kind(metric) == MetricKind::Histogram);
        checkHistogram(h);
    }
    for (const ExtraMetric& e : r.extras) {
        if (e.found && e.type == MetricType::Histogram)
            checkHistogram(e.histogram);
        else if (e.found)
            check(std::isfinite(e.value));
    }
}

void checkSeries(const MetricSeries& s) {
    for (const MetricSeries::Interval& i : s.intervals()) {
        check(i.endMs > i.startMs);
        check(i.ratePerSecond() >= 0); // +Inf only for values near the largest double
    }
    for (const MetricSeries::HistogramInterval& i : s.histogramIntervals()) {
        check(i.endMs > i.startMs && i.upperBounds);
        check(i.bucketIncreases.size() == i.upperBounds->size());
        if (!std::isnan(i.p50) && !std::isnan(i.p90) && !std::isnan(i.p99))
            check(i.p50 <= i.p90 && i.p90 <= i.p99);
    }
    if (const std::optional<double> rate = s.ratePerSecond(0, 2000))
        check(*rate >= 0);
    const std::optional<double> mean = s.mean(0, 2000);
    const std::optional<double> max = s.max(0, 2000);
    check(mean.has_value() == max.has_value());
    if (mean)
        check(!(*mean > *max + std::abs(*max) * 1e-9 + 1e-9));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    const PrometheusLimits l = limits();
    const PrometheusParser parser(l);
    const EngineRecognizer recognizer({QStringLiteral("http_requests_total"),
                                       QStringLiteral("vllm:request_success_total"),
                                       QStringLiteral("h"), QStringLiteral("g")});
    ServerMetricsTimeline timeline(64);
    const qsizetype half = bytes.size() / 2;
    const QByteArrayView parts[] = {QByteArrayView(bytes).first(half),
                                    QByteArrayView(bytes).sliced(half), QByteArrayView(bytes)};
    qint64 t = 0;
    for (const QByteArrayView part : parts) {
        const PrometheusScrape scrape = parser.parse(part);
        checkScrape(scrape, l);
        const RecognizedMetrics recognized = recognizer.recognize(scrape);
        checkRecognized(recognized);
        timeline.add(t, recognized);
        t += 1000;
    }
    check(timeline.scrapes() == 3);
    for (const ServerMetric metric : ServerVocabulary::all()) {
        if (const MetricSeries* s = timeline.series(metric))
            checkSeries(*s);
    }
    for (const QString& name : timeline.extraNames())
        checkSeries(*timeline.extra(name));
    const ServerWindowFigures figures = timeline.window(0, 2000);
    if (figures.generationTokensPerSecond)
        check(*figures.generationTokensPerSecond >= 0);
    if (figures.prefixHitRate)
        check(!std::isnan(*figures.prefixHitRate));
    return 0;
}

#pragma once

#include "servermetrics/scraperconfig.h"
#include "servermetrics/serverscrape.h"

#include <QObject>
#include <QString>

class MetricsScraper;

// What "Test connection" found at the metrics URL: the engine recognised and how many series
// one scrape held, or why there was nothing (the scraper's warning), as one line for the panel:
//   "metrics: vLLM, 38 series"
//   "metrics: refused (connection refused at http://h:8000/metrics) — the benchmark will run
//    without them"
struct MetricsCheckResult {
    bool ok = false;    // a scrape in a known engine's names
    QString engine;     // "vLLM", "SGLang", "TGI", "llama.cpp", "unknown"
    qint64 series = 0;  // samples in the scrape
    QString warningKey; // MetricsScraper::warningKey() of the first trouble; empty when none
    QString line;       // the one line shown
};

// One scrape of a metrics URL, as a run's scraper would make it (the same MetricsScraper:
// the same size cap, key header, TLS choice and parser), bounded by the given timeout, then
// finished() once. The URL or the key never appear beyond what displayUrl() shows.
class MetricsCheck : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultTimeoutMs = 5000;

    explicit MetricsCheck(QObject* parent = nullptr);
    ~MetricsCheck() override;

    void start(ScraperConfig config, int timeoutMs = kDefaultTimeoutMs);
    bool isRunning() const { return m_scraper != nullptr; }

    static QString describe(const ServerScrape& scrape);
    static QString describeFailure(const QString& warningKey, const QString& message);

Q_SIGNALS:
    void finished(const MetricsCheckResult& result);

private:
    void onScraped(const ServerScrape& scrape);
    void onWarning(ScrapeWarning kind, const QString& message);
    void concludeWithWarning();
    void finish(const MetricsCheckResult& result);

    MetricsScraper* m_scraper = nullptr;
    QString m_warningKey;
    QString m_warningMessage;
};
Q_DECLARE_METATYPE(MetricsCheckResult)

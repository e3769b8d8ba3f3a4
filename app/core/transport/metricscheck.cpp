#include "transport/metricscheck.h"

#include "servermetrics/metricsscraper.h"

#include <algorithm>

MetricsCheck::MetricsCheck(QObject* parent)
    : QObject(parent) {
    qRegisterMetaType<MetricsCheckResult>();
}

MetricsCheck::~MetricsCheck() {
    delete m_scraper; // stops it: no signal after this
}

void MetricsCheck::start(ScraperConfig config, int timeoutMs) {
    delete m_scraper;
    m_warningKey.clear();
    m_warningMessage.clear();
    // One scrape only: the next would be due after the longest interval, long after the
    // timeout (kept below it) has ended this one.
    config.intervalMs = ScraperConfig::kMaxIntervalMs;
    config.timeoutMs = std::clamp(timeoutMs, ScraperConfig::kMinTimeoutMs, config.intervalMs - 1);
    m_scraper = new MetricsScraper(config, this);
    connect(m_scraper, &MetricsScraper::scraped, this, &MetricsCheck::onScraped);
    connect(m_scraper, &MetricsScraper::warning, this, &MetricsCheck::onWarning);
    m_scraper->start();
}

void MetricsCheck::onScraped(const ServerScrape& scrape) {
    MetricsCheckResult result;
    result.engine = ServerVocabulary::engineName(scrape.metrics.engine);
    result.series = scrape.series;
    result.ok = scrape.metrics.engine != ServerEngine::Unknown;
    result.warningKey = m_warningKey;
    result.line = describe(scrape);
    finish(result);
}

void MetricsCheck::onWarning(ScrapeWarning kind, const QString& message) {
    if (!m_warningKey.isEmpty())
        return;
    m_warningKey = MetricsScraper::warningKey(kind);
    m_warningMessage = message;
    // A well-formed but unrecognised scrape (or one with bad lines) warns and is then handed
    // over in the same call: conclude from the warning only if no scrape follows.
    QMetaObject::invokeMethod(this, &MetricsCheck::concludeWithWarning, Qt::QueuedConnection);
}

void MetricsCheck::concludeWithWarning() {
    if (!m_scraper)
        return; // the scrape came and concluded
    MetricsCheckResult result;
    result.engine = ServerVocabulary::engineName(ServerEngine::Unknown);
    result.warningKey = m_warningKey;
    result.line = describeFailure(m_warningKey, m_warningMessage);
    finish(result);
}

void MetricsCheck::finish(const MetricsCheckResult& result) {
    if (m_scraper) {
        // We may be inside its reply's signal: it stops (destructor) from the event loop.
        m_scraper->disconnect(this);
        m_scraper->deleteLater();
        m_scraper = nullptr;
    }
    Q_EMIT finished(result);
}

QString MetricsCheck::describe(const ServerScrape& scrape) {
    if (scrape.metrics.engine == ServerEngine::Unknown)
        return QStringLiteral("metrics: no vLLM, SGLang, TGI or llama.cpp names (%1 series) — "
                              "only the metrics asked for by name will be kept")
            .arg(scrape.series);
    return QStringLiteral("metrics: %1, %2 series")
        .arg(ServerVocabulary::engineName(scrape.metrics.engine))
        .arg(scrape.series);
}

QString MetricsCheck::describeFailure(const QString& warningKey, const QString& message) {
    // The scraper's message is one escaped line that never holds the key.
    const QString kind = QString(warningKey).replace(u'_', u' ');
    return QStringLiteral("metrics: %1 (%2) — the benchmark will run without them")
        .arg(kind, message);
}

#include "sweep/servermetricssession.h"

#include "common/secretmasker.h"
#include "profile/apikeyresolver.h"
#include "results/serverjournal.h"
#include "servermetrics/metricsscraper.h"
#include "servermetrics/metricsurl.h"
#include "sweep/runstatestore.h"
#include "transport/tlsconfigbuilder.h"

#include <algorithm>

namespace {
constexpr qint64 kMinPublishMs = 1000;
constexpr qint64 kMaxPublishMs = 60'000;
} // namespace

ServerMetricsSession::ServerMetricsSession(QObject* parent)
    : QObject(parent) {
    connect(&m_thread, &ScraperThread::scraped, this, &ServerMetricsSession::addScrape);
    connect(&m_thread, &ScraperThread::warning, this, &ServerMetricsSession::onWarning);
}

ServerMetricsSession::~ServerMetricsSession() {
    stop();
}

bool ServerMetricsSession::configFor(const EndpointConfig& endpoint, const QString& apiKey,
                                     qint64 originNs, ScraperConfig* config, QString* error) {
    const ServerMetricsConfig& settings = endpoint.serverMetrics;
    config->url = settings.url.isEmpty() ? MetricsUrl::defaultFor(endpoint.url) : settings.url;
    config->intervalMs = settings.intervalMs;
    config->verifyTls = settings.verifyTls;
    config->extraNames = settings.extraNames;
    config->originNs = originNs;
    // The endpoint's CAs and client certificate serve its metrics URL too.
    if (config->url.scheme() == QLatin1String("https") &&
        !TlsConfigBuilder::build(endpoint, &config->tls, error)) {
        *error = u"TLS: " + *error;
        return false;
    }
    QString key;
    if (settings.keySource == ServerMetricsConfig::KeySource::Same) {
        key = apiKey;
    } else if (settings.keySource == ServerMetricsConfig::KeySource::Reference) {
        QString keyError;
        if (!ApiKeyResolver::resolve(settings.keyRef, &key, &keyError) ||
            !ApiKeyResolver::checkSecret(key, QStringLiteral("the metrics key"), &keyError)) {
            *error = QStringLiteral("key: ") + SecretMasker::mask(keyError);
            return false;
        }
        SecretMasker::registerSecret(key);
    }
    if (!key.isEmpty())
        config->authorization = "Bearer " + key.toUtf8();
    return config->validate(error);
}

void ServerMetricsSession::begin(const EndpointConfig& endpoint, const QString& apiKey,
                                 qint64 originNs) {
    ScraperConfig config;
    QString error;
    if (!configFor(endpoint, apiKey, originNs, &config, &error) || !start(config, &error)) {
        m_config = config;
        m_warnings.append({QStringLiteral("config"), error});
        publish();
        Q_EMIT warning(QStringLiteral("server metrics not scraped: ") + error);
    }
}

bool ServerMetricsSession::start(const ScraperConfig& config, QString* error) {
    m_config = config;
    if (!m_thread.start(config, error))
        return false;
    if (m_journal && m_journal->isOpen())
        m_journal->writeServerLine(
            QStringLiteral("server_metrics"),
            ServerJournal::startLine(
                {m_config.displayUrl(), m_config.intervalMs, m_config.extraNames, {}}));
    return true;
}

void ServerMetricsSession::stop() {
    m_thread.stop();
}

void ServerMetricsSession::addScrape(const ServerScrape& scrape) {
    m_timeline.add(scrape.tMs, scrape.metrics);
    if (m_journal && m_journal->isOpen())
        m_journal->writeServerLine(QStringLiteral("server_sample"),
                                   ServerJournal::sampleLine(scrape.tMs, scrape.metrics));
    publishWhenDue();
}

void ServerMetricsSession::onWarning(ScrapeWarning kind, const QString& message) {
    // The scraper reports each kind once already; this keeps it so across a restart too.
    if (m_warned.contains(int(kind)))
        return;
    m_warned.insert(int(kind));
    m_warnings.append({MetricsScraper::warningKey(kind), message});
    if (m_journal && m_journal->isOpen())
        m_journal->writeServerLine(QStringLiteral("server_warning"),
                                   ServerJournal::warningLine(m_warnings.constLast()));
    publish();
    Q_EMIT warning(QStringLiteral("server metrics: ") + message);
}

ServerRunMetrics ServerMetricsSession::snapshot(const QList<LevelSummary>& levels) const {
    const ServerRunMetricsBuilder::Source source{m_config.displayUrl(), m_config.intervalMs,
                                                 m_config.extraNames, m_warnings};
    return ServerRunMetricsBuilder::build(m_timeline, source, levels);
}

void ServerMetricsSession::publishLevels(const QList<LevelSummary>& levels) {
    m_levels = levels;
    publish();
}

void ServerMetricsSession::publishWhenDue() {
    if (m_store && (!m_sincePublish.isValid() || m_sincePublish.elapsed() >= m_publishEveryMs))
        publish();
}

void ServerMetricsSession::publish() {
    if (!m_store)
        return;
    QElapsedTimer cost;
    cost.start();
    m_store->setServerMetrics(snapshot(m_levels));
    // A long run's snapshot grows with its series: space them out so the engine thread,
    // which also paces the load, spends at most ~1% of its time on them.
    m_publishEveryMs = std::clamp(cost.elapsed() * 100, kMinPublishMs, kMaxPublishMs);
    m_sincePublish.start();
}

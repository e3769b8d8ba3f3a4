#include "servermetrics/scraperthread.h"

#include "servermetrics/metricsscraper.h"

#include <QCoreApplication>

ScraperThread::ScraperThread(QObject* parent)
    : QObject(parent) {
    qRegisterMetaType<ServerScrape>();
    qRegisterMetaType<ScrapeWarning>();
    m_thread.setObjectName(QStringLiteral("plateau-metrics-scraper"));
}

ScraperThread::~ScraperThread() {
    stop();
}

bool ScraperThread::start(const ScraperConfig& config, QString* error) {
    QString why;
    if (m_scraper)
        why = QStringLiteral("the metrics scraper is already running");
    else
        config.validate(&why);
    if (!why.isEmpty()) {
        if (error)
            *error = why;
        return false;
    }
    m_scraper = new MetricsScraper(config);
    m_scraper->moveToThread(&m_thread);
    // The context object is this (the caller's thread): queued, re-emitted there.
    connect(m_scraper, &MetricsScraper::scraped, this,
            [this](const ServerScrape& scrape) { Q_EMIT scraped(scrape); });
    connect(m_scraper, &MetricsScraper::warning, this,
            [this](ScrapeWarning kind, const QString& message) { Q_EMIT warning(kind, message); });
    connect(&m_thread, &QThread::started, m_scraper, &MetricsScraper::start);
    m_thread.start();
    return true;
}

void ScraperThread::stop() {
    if (!m_scraper)
        return;
    QMetaObject::invokeMethod(m_scraper, &MetricsScraper::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_scraper; // its thread has ended and it holds nothing that needs it
    m_scraper = nullptr;
    // Scrapes and warnings queued before the stop are dropped: nothing arrives after it.
    QCoreApplication::removePostedEvents(this, QEvent::MetaCall);
}

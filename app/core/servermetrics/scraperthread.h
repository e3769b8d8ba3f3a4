#pragma once

#include "servermetrics/scraperconfig.h"
#include "servermetrics/serverscrape.h"

#include <QObject>
#include <QThread>

class MetricsScraper;

// A MetricsScraper on a thread of its own. Lives on the caller's thread and re-emits the
// scraper's signals there (queued), so the caller never waits for a scrape and a slow or
// hostile metrics server cannot slow it. stop() (and the destructor) abort the scrape in
// flight and join the thread: prompt, whatever the server does.
class ScraperThread : public QObject {
    Q_OBJECT
public:
    explicit ScraperThread(QObject* parent = nullptr);
    ~ScraperThread() override;

    // False with a message for a config validate() refuses, or when already running.
    bool start(const ScraperConfig& config, QString* error = nullptr);
    void stop();
    bool isRunning() const { return m_scraper != nullptr; }

Q_SIGNALS:
    void scraped(const ServerScrape& scrape);
    void warning(ScrapeWarning kind, const QString& message);

private:
    QThread m_thread;
    MetricsScraper* m_scraper = nullptr;
};

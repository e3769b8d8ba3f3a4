#pragma once

#include "metrics/levelsummary.h"
#include "profile/endpointconfig.h"
#include "results/resultjournal.h"
#include "results/serverrunmetricsbuilder.h"
#include "servermetrics/scraperconfig.h"
#include "servermetrics/scraperthread.h"
#include "servermetrics/servermetricstimeline.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <memory>

class RunStateStore;

// The server's own metrics during one run (issue 12): scrapes the metrics URL on its own
// thread (ScraperThread: never slows the load), feeds every scrape into a timeline on the run's
// clock, passes each kind of scrape warning on once, and turns a level's steady window into
// its server figures and the cross-check of the server's generation tok/s against the
// client's. Whatever the metrics URL does, the benchmark's own figures are untouched: nothing
// here reads or writes them.
class ServerMetricsSession : public QObject {
    Q_OBJECT
public:
    explicit ServerMetricsSession(QObject* parent = nullptr);
    ~ServerMetricsSession() override;

    // Starts scraping what the endpoint's server_metrics asks for (url: the endpoint's own,
    // resolved: the simulator's loopback URL for sim:), stamped from originNs; a problem (a
    // key that does not resolve, a bad URL) is one warning() and no scraping, never a failure
    // of the run.
    void begin(const EndpointConfig& endpoint, const QString& apiKey, qint64 originNs);
    bool start(const ScraperConfig& config, QString* error);
    // Journals the start, every scrape and every warning there from now on (may be null).
    void setJournal(ResultJournal* journal) { m_journal = journal; }
    // Publishes the server's side as it stands into the run's shared state, so whoever polls
    // SweepRunner::result() (the GUI's timer-driven refresh) sees it while the run goes on:
    // after scrapes and warnings, paced so the snapshots take at most ~1% of the engine
    // thread (never more often than once a second), and at once when a level ends.
    void setLiveStore(std::shared_ptr<RunStateStore> store) { m_store = std::move(store); }
    // The levels completed so far (their server figures go with every publication); publishes.
    void publishLevels(const QList<LevelSummary>& levels);
    void stop();

    const ServerMetricsTimeline& timeline() const { return m_timeline; }
    // Feeds one scrape as the scraper would (tests and replay).
    void addScrape(const ServerScrape& scrape);

    // The whole run for the results: series, warnings and the figures of every level given.
    ServerRunMetrics snapshot(const QList<LevelSummary>& levels) const;

    // The scraper's settings for an endpoint; false with a message when the key does not
    // resolve or the settings are out of bounds.
    static bool configFor(const EndpointConfig& endpoint, const QString& apiKey, qint64 originNs,
                          ScraperConfig* config, QString* error);

Q_SIGNALS:
    // One line per kind of trouble with the metrics URL, for the run's notices.
    void warning(const QString& text);

private:
    void onWarning(ScrapeWarning kind, const QString& message);
    void publish();
    void publishWhenDue();

    ScraperThread m_thread;
    ScraperConfig m_config;
    ServerMetricsTimeline m_timeline;
    QList<ServerRunMetrics::Warning> m_warnings;
    QSet<int> m_warned;
    ResultJournal* m_journal = nullptr;
    std::shared_ptr<RunStateStore> m_store;
    QList<LevelSummary> m_levels; // completed, for the live figures
    QElapsedTimer m_sincePublish;
    qint64 m_publishEveryMs = 1000;
};

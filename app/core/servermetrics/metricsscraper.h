#pragma once

#include "servermetrics/enginerecognizer.h"
#include "servermetrics/prometheusparser.h"
#include "servermetrics/scraperconfig.h"
#include "servermetrics/serverscrape.h"

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

// GETs a metrics URL every interval on the thread it lives on (ScraperThread runs one on its
// own thread; a caller may also moveToThread() it and call start() there), with its own
// QNetworkAccessManager: never a connection, a lock or an event loop shared with the load.
// Each answer is read up to the size cap, parsed and recognised there and handed over with
// scraped(), stamped when it arrived. A scrape still running when the next is due is not
// doubled (the timeout is below the interval). What goes wrong is reported with warning(),
// once per kind, as one escaped line that never holds the key; scraping goes on regardless,
// so a server that comes up late is still read. stop() aborts at once.
class MetricsScraper : public QObject {
    Q_OBJECT
public:
    explicit MetricsScraper(const ScraperConfig& config, QObject* parent = nullptr);
    ~MetricsScraper() override;

    // "refused", "unauthorized", "not_found", "http_error", "timeout", "too_large", "garbage",
    // "unrecognized", "network_error": for results and logs.
    static QString warningKey(ScrapeWarning kind);

public Q_SLOTS:
    void start(); // first scrape at once, then every interval
    void stop();  // aborts a scrape in flight; no signal after it returns

Q_SIGNALS:
    void scraped(const ServerScrape& scrape);
    void warning(ScrapeWarning kind, const QString& message);

private:
    enum class Abort { None, Timeout, TooLarge, Stop };

    void scrapeNow();
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void handleAnswer(QNetworkReply* reply, qint64 arrivedNs);
    void handleFailure(QNetworkReply* reply);
    void warn(ScrapeWarning kind, const QString& detail);
    void abortReply(Abort reason);
    qint64 msSinceOrigin(qint64 ns) const;

    ScraperConfig m_config;
    PrometheusParser m_parser;
    EngineRecognizer m_recognizer;
    QNetworkAccessManager* m_network = nullptr;
    QTimer* m_interval = nullptr;
    QTimer* m_timeout = nullptr;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_body;
    qint64 m_sentNs = 0;
    Abort m_abort = Abort::None;
    quint32 m_reported = 0; // a bit per ScrapeWarning already reported
    bool m_stopped = false;
};

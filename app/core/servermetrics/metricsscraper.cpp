#include "servermetrics/metricsscraper.h"

#include "servermetrics/messagetext.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#include <QSslSocket>
#endif

#include <chrono>

namespace {
qint64 steadyNowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

MetricsScraper::MetricsScraper(const ScraperConfig& config, QObject* parent)
    : QObject(parent)
    , m_config(config.clamped())
    , m_parser(PrometheusLimits{m_config.maxBytes, 64 * 1024, 100'000, 64})
    , m_recognizer(m_config.extraNames) {
    qRegisterMetaType<ServerScrape>();
    qRegisterMetaType<ScrapeWarning>();
}

MetricsScraper::~MetricsScraper() {
    stop();
}

QString MetricsScraper::warningKey(ScrapeWarning kind) {
    switch (kind) {
    case ScrapeWarning::Refused:
        return QStringLiteral("refused");
    case ScrapeWarning::Unauthorized:
        return QStringLiteral("unauthorized");
    case ScrapeWarning::NotFound:
        return QStringLiteral("not_found");
    case ScrapeWarning::HttpError:
        return QStringLiteral("http_error");
    case ScrapeWarning::Timeout:
        return QStringLiteral("timeout");
    case ScrapeWarning::TooLarge:
        return QStringLiteral("too_large");
    case ScrapeWarning::Garbage:
        return QStringLiteral("garbage");
    case ScrapeWarning::Unrecognized:
        return QStringLiteral("unrecognized");
    case ScrapeWarning::NetworkError:
        break;
    }
    return QStringLiteral("network_error");
}

void MetricsScraper::start() {
    if (m_network)
        return;
    m_stopped = false;
    m_network = new QNetworkAccessManager(this);
    m_network->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    m_interval = new QTimer(this);
    m_interval->setTimerType(Qt::PreciseTimer);
    m_interval->setInterval(m_config.intervalMs);
    connect(m_interval, &QTimer::timeout, this, &MetricsScraper::scrapeNow);
    m_timeout = new QTimer(this);
    m_timeout->setSingleShot(true);
    m_timeout->setInterval(m_config.effectiveTimeoutMs());
    connect(m_timeout, &QTimer::timeout, this, [this] { abortReply(Abort::Timeout); });
    m_interval->start();
    scrapeNow();
}

void MetricsScraper::stop() {
    m_stopped = true;
    if (m_interval)
        m_interval->stop();
    abortReply(Abort::Stop);
    delete m_network; // here, on the thread that made it
    m_network = nullptr;
}

qint64 MetricsScraper::msSinceOrigin(qint64 ns) const {
    return (ns - m_config.originNs) / 1'000'000;
}

void MetricsScraper::scrapeNow() {
    if (m_stopped || !m_network || m_reply)
        return;
    QNetworkRequest request(m_config.url);
    request.setRawHeader("Accept", "text/plain; version=0.0.4");
    if (!m_config.authorization.isEmpty())
        request.setRawHeader("Authorization", m_config.authorization);
#if QT_CONFIG(ssl)
    if (m_config.url.scheme() == QLatin1String("https") &&
        (!m_config.verifyTls || !m_config.tls.isNull())) {
        QSslConfiguration tls =
            m_config.tls.isNull() ? QSslConfiguration::defaultConfiguration() : m_config.tls;
        if (!m_config.verifyTls)
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(tls);
    }
#endif
    m_body.clear();
    m_abort = Abort::None;
    m_sentNs = steadyNowNs();
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &MetricsScraper::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &MetricsScraper::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &MetricsScraper::onFinished);
    m_timeout->start();
}

void MetricsScraper::onMetaData() {
    const QVariant length =
        m_reply ? m_reply->header(QNetworkRequest::ContentLengthHeader) : QVariant();
    if (length.isValid() && length.toLongLong() > m_config.maxBytes)
        abortReply(Abort::TooLarge);
}

void MetricsScraper::onReadyRead() {
    if (!m_reply)
        return;
    m_body.append(m_reply->read(m_config.maxBytes + 1 - m_body.size()));
    if (m_body.size() > m_config.maxBytes)
        abortReply(Abort::TooLarge);
}

void MetricsScraper::abortReply(Abort reason) {
    if (!m_reply)
        return;
    m_abort = reason;
    m_reply->abort(); // finished() runs now, inside abort()
}

void MetricsScraper::onFinished() {
    QNetworkReply* reply = m_reply;
    if (!reply)
        return;
    const qint64 arrivedNs = steadyNowNs();
    m_timeout->stop();
    m_reply = nullptr;
    reply->deleteLater();
    if (m_abort == Abort::Stop)
        return;
    if (m_abort == Abort::Timeout)
        warn(ScrapeWarning::Timeout,
             QStringLiteral("no whole answer within %1 ms").arg(m_config.effectiveTimeoutMs()));
    else if (m_abort == Abort::TooLarge)
        warn(ScrapeWarning::TooLarge,
             QStringLiteral("the answer is over the cap of %1 bytes").arg(m_config.maxBytes));
    else if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid() &&
             reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() / 100 == 2 &&
             reply->error() == QNetworkReply::NoError)
        handleAnswer(reply, arrivedNs);
    else
        handleFailure(reply);
}

void MetricsScraper::handleFailure(QNetworkReply* reply) {
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        if (reply->error() == QNetworkReply::ConnectionRefusedError)
            warn(ScrapeWarning::Refused, QStringLiteral("connection refused"));
        else
            warn(ScrapeWarning::NetworkError,
                 MessageText::oneLine(reply->errorString().toUtf8(), 160));
        return;
    }
    const int code = status.toInt();
    if (code == 401 || code == 403)
        warn(ScrapeWarning::Unauthorized,
             QStringLiteral("HTTP %1: the metrics key is missing or not accepted").arg(code));
    else if (code == 404)
        warn(ScrapeWarning::NotFound, QStringLiteral("HTTP 404: no metrics at this path"));
    else
        warn(ScrapeWarning::HttpError, QStringLiteral("HTTP %1").arg(code));
}

void MetricsScraper::handleAnswer(QNetworkReply* reply, qint64 arrivedNs) {
    m_body.append(reply->read(m_config.maxBytes + 1 - m_body.size()));
    if (m_body.size() > m_config.maxBytes) {
        warn(ScrapeWarning::TooLarge,
             QStringLiteral("the answer is over the cap of %1 bytes").arg(m_config.maxBytes));
        return;
    }
    const PrometheusScrape parsed = m_parser.parse(m_body);
    m_body.clear();
    if (!parsed.ok() || parsed.series == 0) {
        const QString why = !parsed.ok()          ? parsed.error
                            : parsed.badLines > 0 ? parsed.issueSummary()
                                                  : QStringLiteral("no samples");
        warn(ScrapeWarning::Garbage, QStringLiteral("not Prometheus text: ") + why);
        return;
    }
    if (parsed.badLines > 0)
        warn(ScrapeWarning::Garbage, parsed.issueSummary());
    ServerScrape scrape;
    scrape.tMs = msSinceOrigin(arrivedNs);
    scrape.durationMs = (arrivedNs - m_sentNs) / 1'000'000;
    scrape.bytes = parsed.bytes;
    scrape.series = parsed.series;
    scrape.badLines = parsed.badLines;
    scrape.metrics = m_recognizer.recognize(parsed);
    if (scrape.metrics.engine == ServerEngine::Unknown)
        warn(ScrapeWarning::Unrecognized,
             QStringLiteral("no vLLM, SGLang, TGI or llama.cpp metric names: only the metrics "
                            "asked for by name are kept"));
    Q_EMIT scraped(scrape);
}

void MetricsScraper::warn(ScrapeWarning kind, const QString& detail) {
    const quint32 bit = 1u << unsigned(kind);
    if (m_reported & bit)
        return;
    m_reported |= bit;
    Q_EMIT warning(kind, QStringLiteral("metrics %1: %2").arg(m_config.displayUrl(), detail));
}

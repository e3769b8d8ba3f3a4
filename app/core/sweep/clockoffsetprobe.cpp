#include "sweep/clockoffsetprobe.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>
#include <QTimer>
#include <algorithm>

namespace {
constexpr int kMaxSamples = 34; // ~1.3 s at 40 ms: one tick of the server's second for sure
constexpr int kSpacingMs = 40;
constexpr double kHalfSecondMs = 500.0;
} // namespace

qint64 ClockOffsetProbe::parseHttpDate(const QByteArray& value) {
    const QString text = QString::fromLatin1(value.left(64)).trimmed();
    const QDateTime time =
        QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!time.isValid())
        return -1;
    QDateTime utc = time;
    utc.setTimeSpec(Qt::UTC);
    return utc.toMSecsSinceEpoch();
}

ClockOffset ClockOffsetProbe::estimate(const QList<Sample>& samples) {
    ClockOffset clock;
    clock.source = QStringLiteral("none");
    const Sample* first = nullptr;
    for (qsizetype i = 0; i < samples.size(); ++i) {
        const Sample& s = samples.at(i);
        if (s.dateMs < 0)
            continue;
        if (first && s.dateMs > first->dateMs && s.dateMs - first->dateMs == 1000) {
            // The server's clock read dateMs somewhere after first->sentMs and before
            // s.answeredMs: the midpoint, +- half the span.
            const double mid = (double(first->sentMs) + double(s.answeredMs)) / 2.0;
            clock.offsetMs = double(s.dateMs) - mid;
            clock.uncertaintyMs = (double(s.answeredMs) - double(first->sentMs)) / 2.0;
            clock.source = QStringLiteral("date_tick");
            return clock;
        }
        first = &s; // the latest answer before a tick
    }
    if (first) { // no tick seen: one second's resolution
        const double mid = (double(first->sentMs) + double(first->answeredMs)) / 2.0;
        clock.offsetMs = double(first->dateMs) + kHalfSecondMs - mid;
        clock.uncertaintyMs = kHalfSecondMs + (double(first->answeredMs) - first->sentMs) / 2.0;
        clock.source = QStringLiteral("date");
    }
    return clock;
}

std::optional<ClockOffsetProbe::Sample>
ClockOffsetProbe::sampleOnce(QNetworkAccessManager* manager, const QUrl& url, bool verifyTls,
                             const std::function<qint64()>& nowMs, int timeoutMs) {
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    Sample sample;
    sample.sentMs = nowMs();
    QNetworkReply* reply = manager->head(request);
    if (!verifyTls)
        reply->ignoreSslErrors();
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    sample.answeredMs = nowMs();
    const bool answered =
        reply->isFinished() && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
    sample.dateMs = answered ? parseHttpDate(reply->rawHeader("Date")) : -1;
    reply->abort();
    reply->deleteLater();
    if (!answered)
        return std::nullopt;
    return sample;
}

ClockOffset ClockOffsetProbe::measure(const QUrl& url, bool verifyTls,
                                      const std::function<qint64()>& nowMs, int timeoutMs) {
    QNetworkAccessManager manager;
    QList<Sample> samples;
    QElapsedTimer elapsed;
    elapsed.start();
    for (int i = 0; i < kMaxSamples && elapsed.elapsed() < timeoutMs; ++i) {
        const int left = int(std::max<qint64>(1, timeoutMs - elapsed.elapsed()));
        const std::optional<Sample> sample = sampleOnce(&manager, url, verifyTls, nowMs, left);
        if (!sample || sample->dateMs < 0)
            break; // no answer or no Date: more tries tell nothing new
        samples.append(*sample);
        if (estimate(samples).source == QLatin1String("date_tick"))
            break;
        QThread::msleep(kSpacingMs);
    }
    return estimate(samples);
}

#include "simloaddriver.h"

#include "common/monotonicclock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>

namespace {
bool isContent(const QByteArray& event) {
    if (!event.contains("\"content\":\"") && !event.contains("\"text\":\""))
        return false;
    const QJsonObject c = QJsonDocument::fromJson(event)
                              .object()
                              .value(QStringLiteral("choices"))
                              .toArray()
                              .first()
                              .toObject();
    const QString text = c.contains(QStringLiteral("delta"))
                             ? c[u"delta"].toObject()[u"content"].toString()
                             : c[u"text"].toString();
    return !text.isEmpty();
}
} // namespace

qint64 SimLoadResult::firstContentNs() const {
    for (qsizetype i = 0; i < response.events.size(); ++i) {
        if (isContent(response.events[i]))
            return response.eventNs[i];
    }
    return -1;
}

qint64 SimLoadResult::lastContentNs() const {
    for (qsizetype i = response.events.size() - 1; i >= 0; --i) {
        if (isContent(response.events[i]))
            return response.eventNs[i];
    }
    return -1;
}

SimLoadDriver::SimLoadDriver(quint16 port, RequestFactory factory, QObject* parent)
    : QObject(parent)
    , m_port(port)
    , m_factory(std::move(factory)) {}

void SimLoadDriver::run(int concurrency, int total, qint64 issueUntilNs) {
    m_total = total;
    m_issueUntilNs = issueUntilNs;
    for (int i = 0; i < concurrency; ++i)
        issue();
}

void SimLoadDriver::issue() {
    if (m_sent >= m_total || (m_issueUntilNs >= 0 && MonotonicClock::nowNs() > m_issueUntilNs))
        return;
    const int index = m_sent++;
    auto* client = new SimTestClient(m_port, this);
    client->setIdleTimeoutMs(m_idleTimeoutMs);
    ++m_inFlight;
    m_maxInFlight = std::max(m_maxInFlight, m_inFlight);
    client->send(m_factory(index));
    const qint64 sendNs = client->sendNs();
    connect(client, &SimTestClient::responseFinished, this,
            [this, client, sendNs] { finished(client, sendNs); });
    connect(client, &SimTestClient::failed, this, [this, client, sendNs] {
        if (client->responses().isEmpty())
            finished(client, sendNs);
    });
}

void SimLoadDriver::finished(SimTestClient* client, qint64 sendNs) {
    if (client->property("done").toBool())
        return;
    client->setProperty("done", true);
    SimLoadResult result;
    result.sendNs = sendNs;
    if (!client->responses().isEmpty())
        result.response = client->responses().first();
    result.disconnected = client->disconnected() && !result.response.complete;
    result.timedOut = client->timedOut();
    m_results.push_back(result);
    --m_inFlight;
    client->disconnect(this);
    client->close();
    client->deleteLater();
    issue();
}

bool SimLoadDriver::waitDone(int timeoutMs) {
    const qint64 deadline = MonotonicClock::nowNs() + qint64(timeoutMs) * 1000000;
    while (m_inFlight > 0 || (m_sent < m_total &&
                              (m_issueUntilNs < 0 || MonotonicClock::nowNs() <= m_issueUntilNs))) {
        const qint64 left = (deadline - MonotonicClock::nowNs()) / 1000000;
        if (left <= 0)
            return false;
        QTest::qWait(int(std::min<qint64>(left, 20)));
    }
    return true;
}

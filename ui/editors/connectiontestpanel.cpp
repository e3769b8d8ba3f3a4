#include "editors/connectiontestpanel.h"

#include "common/monotonicclock.h"
#include "common/secretmasker.h"
#include "profile/apikeyresolver.h"
#include "sim/simlocalendpoint.h"
#include "sweep/servermetricssession.h"
#include "system/keychainstore.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ConnectionTestPanel::ConnectionTestPanel(QWidget* parent)
    : QWidget(parent)
    , m_button(new QPushButton(tr("Test connection"), this))
    , m_status(new QLabel(this))
    , m_details(new QPlainTextEdit(this)) {
    m_button->setObjectName(u"testConnection"_s);
    m_status->setObjectName(u"testStatus"_s);
    m_details->setObjectName(u"testDetails"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setMaximumHeight(fontMetrics().height() * 9);
    m_details->setVisible(false);

    auto* row = new QHBoxLayout;
    row->addWidget(m_button);
    row->addWidget(m_status, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_details);
    connect(m_button, &QPushButton::clicked, this, &ConnectionTestPanel::startTest);
}

ConnectionTestPanel::~ConnectionTestPanel() = default;

void ConnectionTestPanel::setEndpointSource(std::function<EndpointConfig()> source) {
    m_source = std::move(source);
}

bool ConnectionTestPanel::isTesting() const {
    return !m_button->isEnabled();
}

QString ConnectionTestPanel::resultText() const {
    return m_status->text();
}

void ConnectionTestPanel::startTest() {
    if (!m_source || isTesting())
        return;
    EndpointConfig endpoint = m_source();
    m_button->setEnabled(false);
    m_details->clear();
    m_details->setVisible(false);
    m_status->setText(tr("Testing…"));

    if (endpoint.isBuiltinSimulator()) {
        // The built-in endpoint only exists while something runs it: start one for the test.
        // An unknown preset is refused as a run refuses it, never replaced by the default.
        QString unknown;
        m_sim = SimLocalEndpoint::factory()(endpoint.simulatorPreset(), &unknown);
        if (!m_sim) {
            fail(tr("Cannot test: %1.").arg(unknown));
            return;
        }
        QString error;
        if (!m_sim->start(&error)) {
            fail(tr("Could not start the built-in simulator: %1").arg(error));
            return;
        }
        endpoint.url = m_sim->baseUrl();
        runWithKey(endpoint, {});
        return;
    }
    if (ApiKeyResolver::isKeychainReference(endpoint.apiKeyRef)) {
        const QString entry = ApiKeyResolver::keychainEntry(endpoint.apiKeyRef);
        QPointer<ConnectionTestPanel> self = this;
        KeychainStore::instance()->read(
            entry, [self, endpoint](const QString& secret, const QString& error) {
                if (!self)
                    return;
                if (!error.isEmpty())
                    self->fail(error);
                else {
                    SecretMasker::registerSecret(secret);
                    self->runWithKey(endpoint, secret);
                }
            });
        return;
    }
    QString secret;
    QString error;
    if (!ApiKeyResolver::resolve(endpoint.apiKeyRef, &secret, &error)) {
        fail(error);
        return;
    }
    runWithKey(endpoint, secret);
}

void ConnectionTestPanel::runWithKey(EndpointConfig endpoint, const QString& key) {
    delete m_tester;
    m_tester = new ConnectionTester(this);
    connect(m_tester, &ConnectionTester::finished, this, &ConnectionTestPanel::showResult);
    // The metrics URL too, resolved as a run resolves it (for sim: the simulator's own).
    m_metricsProblem.clear();
    if (endpoint.serverMetrics.enabled) {
        ScraperConfig metrics;
        QString error;
        if (ServerMetricsSession::configFor(endpoint, key, MonotonicClock::nowNs(), &metrics,
                                            &error))
            m_tester->setMetricsCheck(metrics);
        else
            m_metricsProblem = tr("metrics: not checked (%1) — the benchmark will run without "
                                  "them")
                                   .arg(SecretMasker::mask(error));
    }
    m_tester->start(endpoint, key, 16);
}

void ConnectionTestPanel::showResult(const ConnectionTestResult& result) {
    QString line;
    if (result.ok) {
        line = tr("✔ HTTP %1 · TTFB %2 ms · TTFT %3 ms · %4 tokens")
                   .arg(result.httpStatus)
                   .arg(result.ttfbMs, 0, 'f', 0)
                   .arg(result.ttftMs, 0, 'f', 0)
                   .arg(result.outputTokens);
    } else {
        line = u"✘ "_s + SecretMasker::mask(result.plainMessage.isEmpty() ? result.error
                                                                          : result.plainMessage);
        if (result.httpStatus > 0)
            line += tr(" (HTTP %1)").arg(result.httpStatus);
    }
    if (result.metrics)
        line += u'\n' + (result.metrics->ok ? u"✔ "_s : u"⚠ "_s) + result.metrics->line;
    else if (!m_metricsProblem.isEmpty())
        line += u"\n⚠ "_s + m_metricsProblem;
    m_status->setText(line);
    QStringList details;
    if (!result.url.isEmpty())
        details << tr("URL: %1").arg(result.url);
    if (!result.contentType.isEmpty())
        details << tr("Content-Type: %1").arg(result.contentType);
    if (result.ok) {
        details << tr("End-to-end %1 ms · finish reason %2 · %3 input tokens · output tokens "
                      "counted from %4")
                       .arg(result.e2eMs, 0, 'f', 0)
                       .arg(result.finishReason.isEmpty() ? tr("(none)") : result.finishReason)
                       .arg(result.inputTokens)
                       .arg(result.outputTokensSource);
    } else if (!result.firstBytes.isEmpty()) {
        details << tr("Response: %1").arg(SecretMasker::mask(QString::fromUtf8(result.firstBytes)));
    }
    if (!result.text.isEmpty())
        details << tr("Text: %1").arg(result.text.simplified());
    if (!result.rawEvents.isEmpty()) {
        details << tr("First events:");
        for (const QByteArray& event : result.rawEvents)
            details << SecretMasker::mask(QString::fromUtf8(event).trimmed());
    }
    m_details->setPlainText(details.join(u'\n'));
    m_details->setVisible(!details.isEmpty());
    finish();
    Q_EMIT testFinished(result);
}

void ConnectionTestPanel::fail(const QString& message) {
    ConnectionTestResult result;
    result.error = u"connect"_s;
    result.plainMessage = message;
    showResult(result);
}

void ConnectionTestPanel::finish() {
    m_button->setEnabled(true);
    if (m_tester) {
        m_tester->deleteLater();
        m_tester = nullptr;
    }
    m_sim.reset();
}

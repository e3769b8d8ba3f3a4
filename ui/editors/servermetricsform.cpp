#include "editors/servermetricsform.h"

#include "common/urlredactor.h"
#include "editors/formhelpers.h"
#include "editors/keysourcewidget.h"
#include "profile/apikeyresolver.h"
#include "profile/servermetricsjson.h"
#include "servermetrics/metricsurl.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace {
const QString kPrefix = u"server_metrics."_s;
} // namespace

ServerMetricsForm::ServerMetricsForm(QWidget* parent)
    : QGroupBox(tr("Server metrics"), parent) {
    setObjectName(u"serverMetrics"_s);
    setCheckable(true);
    setChecked(false);
    setToolTip(tr("Scrape the server's own Prometheus metrics (vLLM, SGLang, TGI, llama.cpp) "
                  "during runs: running and waiting requests, KV cache, server tokens/s"));
    build();
    setConfig(ServerMetricsConfig{});
}

void ServerMetricsForm::build() {
    auto* form = new QFormLayout(this);
    m_url = new QLineEdit(this);
    m_url->setObjectName(u"serverMetricsUrl"_s);
    m_keyChoice = new QComboBox(this);
    m_keyChoice->setObjectName(u"serverMetricsKeyChoice"_s);
    m_keyChoice->addItem(tr("No key"));
    m_keyChoice->addItem(tr("Same key as the endpoint"));
    m_keyChoice->addItem(tr("Another key"));
    m_keyChoice->setToolTip(tr("The Authorization header of the metrics request; /metrics "
                               "usually wants none"));
    m_key = new KeySourceWidget(this);
    m_key->setObjectName(u"serverMetricsKey"_s);
    m_verifyTls = new QCheckBox(tr("Verify TLS certificates of the metrics URL"), this);
    m_verifyTls->setObjectName(u"serverMetricsVerifyTls"_s);
    m_interval = new QSpinBox(this);
    m_interval->setObjectName(u"serverMetricsInterval"_s);
    m_interval->setRange(ServerMetricsConfig::kMinIntervalMs, ServerMetricsConfig::kMaxIntervalMs);
    m_interval->setSingleStep(100);
    m_interval->setSuffix(tr(" ms"));
    m_interval->setAccelerated(true);
    m_extra = new QLineEdit(this);
    m_extra->setObjectName(u"serverMetricsExtra"_s);
    m_extra->setPlaceholderText(tr("optional, e.g. vllm:num_requests_swapped"));
    m_extra->setToolTip(tr("Raw metric names kept as they are, besides the engine's known ones "
                           "(comma or space separated, at most %1)")
                            .arg(ServerMetricsConfig::kMaxExtraNames));

    FormHelpers::addRow(form, tr("Metrics URL"), m_url, &m_issues, kPrefix + u"url"_s);
    FormHelpers::addRow(form, tr("Metrics key"), m_keyChoice, &m_issues, kPrefix + u"key"_s);
    FormHelpers::addRow(form, tr("Key variable"), m_key, &m_issues, kPrefix + u"key_ref"_s);
    form->addRow(m_verifyTls);
    FormHelpers::addRow(form, tr("Scrape every"), m_interval, &m_issues,
                        kPrefix + u"interval_ms"_s);
    FormHelpers::addRow(form, tr("Extra metrics"), m_extra, &m_issues, kPrefix + u"extra"_s);

    connect(this, &QGroupBox::toggled, this, &ServerMetricsForm::emitChanged);
    connect(m_url, &QLineEdit::textChanged, this, &ServerMetricsForm::emitChanged);
    connect(m_extra, &QLineEdit::textChanged, this, &ServerMetricsForm::emitChanged);
    connect(m_keyChoice, &QComboBox::currentIndexChanged, this, &ServerMetricsForm::emitChanged);
    connect(m_key, &KeySourceWidget::changed, this, &ServerMetricsForm::emitChanged);
    connect(m_verifyTls, &QCheckBox::toggled, this, &ServerMetricsForm::emitChanged);
    connect(m_interval, &QSpinBox::valueChanged, this, &ServerMetricsForm::emitChanged);
}

void ServerMetricsForm::emitChanged() {
    updateState();
    if (!m_loading)
        Q_EMIT changed();
}

void ServerMetricsForm::updateState() {
    // The key variable's row (its widget and the issue label under it) only for "another".
    if (QWidget* row = m_key->parentWidget())
        row->setVisible(m_keyChoice->currentIndex() == OtherKey);
    if (auto* form = qobject_cast<QFormLayout*>(layout()))
        if (QWidget* label = form->labelForField(m_key->parentWidget()))
            label->setVisible(m_keyChoice->currentIndex() == OtherKey);
}

void ServerMetricsForm::setConfig(const ServerMetricsConfig& config) {
    m_loading = true;
    setChecked(config.enabled);
    m_url->setText(config.url.isEmpty() ? QString() : config.url.toString());
    switch (config.keySource) {
    case ServerMetricsConfig::KeySource::None:
        m_keyChoice->setCurrentIndex(NoKey);
        break;
    case ServerMetricsConfig::KeySource::Same:
        m_keyChoice->setCurrentIndex(SameKey);
        break;
    case ServerMetricsConfig::KeySource::Reference:
        m_keyChoice->setCurrentIndex(OtherKey);
        break;
    }
    m_key->setReference(
        config.keySource == ServerMetricsConfig::KeySource::Reference ? config.keyRef : QString());
    m_verifyTls->setChecked(config.verifyTls);
    m_interval->setValue(config.intervalMs);
    m_extra->setText(config.extraNames.join(u", "_s));
    m_loading = false;
    updateState();
}

QStringList ServerMetricsForm::extraNames() const {
    static const QRegularExpression separators(u"[,\\s]+"_s);
    QStringList names;
    for (const QString& name : m_extra->text().split(separators, Qt::SkipEmptyParts)) {
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

ServerMetricsConfig ServerMetricsForm::config() const {
    ServerMetricsConfig config;
    config.enabled = isChecked();
    const QString url = m_url->text().trimmed();
    config.url = url.isEmpty() ? QUrl() : QUrl(url, QUrl::StrictMode);
    switch (m_keyChoice->currentIndex()) {
    case SameKey:
        config.keySource = ServerMetricsConfig::KeySource::Same;
        break;
    case OtherKey:
        config.keySource = ServerMetricsConfig::KeySource::Reference;
        config.keyRef = m_key->reference();
        break;
    default:
        config.keySource = ServerMetricsConfig::KeySource::None;
    }
    config.verifyTls = m_verifyTls->isChecked();
    config.intervalMs = m_interval->value();
    config.extraNames = extraNames();
    return config;
}

void ServerMetricsForm::setEndpointUrl(const QUrl& endpoint) {
    const QUrl metrics = MetricsUrl::defaultFor(endpoint);
    if (endpoint.scheme() == u"sim"_s)
        m_url->setPlaceholderText(tr("the built-in simulator's /metrics"));
    else if (metrics.isValid())
        m_url->setPlaceholderText(metrics.toString());
    else
        m_url->setPlaceholderText(tr("the endpoint's origin + /metrics"));
}

QString ServerMetricsForm::urlPlaceholder() const {
    return m_url->placeholderText();
}

QList<ValidationIssue> ServerMetricsForm::localIssues() const {
    QList<ValidationIssue> issues;
    // The same rules as the profile's reader (ServerMetricsJson), so a saved profile reads back.
    const QString url = m_url->text().trimmed();
    if (!url.isEmpty()) {
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty() ||
            (parsed.scheme() != u"http"_s && parsed.scheme() != u"https"_s))
            issues.append({kPrefix + u"url"_s, tr("must be an http:// or https:// URL with a "
                                                  "host, or empty for the endpoint's own")});
        else if (UrlRedactor::hasCredentials(parsed))
            issues.append({kPrefix + u"url"_s,
                           tr("carries credentials: take the key from a variable instead")});
    }
    if (m_keyChoice->currentIndex() == OtherKey) {
        const QString reference = m_key->reference();
        if (!m_key->problem().isEmpty())
            issues.append({kPrefix + u"key_ref"_s, m_key->problem()});
        else if (!ApiKeyResolver::isEnvReference(reference))
            issues.append({kPrefix + u"key_ref"_s,
                           tr("the metrics key comes from an environment variable: choose one")});
    }
    const QStringList names = extraNames();
    if (names.size() > ServerMetricsConfig::kMaxExtraNames)
        issues.append({kPrefix + u"extra"_s,
                       tr("holds more than %1 names").arg(ServerMetricsConfig::kMaxExtraNames)});
    for (const QString& name : names) {
        if (!ServerMetricsJson::isMetricName(name)) {
            issues.append({kPrefix + u"extra"_s,
                           tr("\"%1\" is not a Prometheus metric name").arg(name.left(60))});
            break;
        }
    }
    return issues;
}

QList<ValidationIssue> ServerMetricsForm::showIssues(const QList<ValidationIssue>& issues) {
    QList<ValidationIssue> mine;
    QList<ValidationIssue> rest;
    for (const ValidationIssue& issue : issues)
        (issue.field.startsWith(u"server_metrics"_s) ? mine : rest).append(issue);
    // An issue of the whole object (a bad profile file) goes to the URL's row.
    for (ValidationIssue& issue : mine) {
        if (issue.field == u"server_metrics"_s)
            issue.field = kPrefix + u"url"_s;
    }
    rest += m_issues.apply(mine);
    return rest;
}

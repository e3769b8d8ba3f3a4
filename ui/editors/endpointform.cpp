#include "editors/endpointform.h"

#include "editors/connectiontestpanel.h"
#include "editors/fieldissuelabel.h"
#include "editors/formhelpers.h"
#include "editors/headerstable.h"
#include "editors/jsonobjectedit.h"
#include "editors/keysourcewidget.h"
#include "editors/priceform.h"
#include "editors/servermetricsform.h"
#include "editors/tlsfilesform.h"
#include "protocol/apiflavor.h"
#include "sim/simconfig.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QDoubleSpinBox* secondsSpin(const QString& objectName, QWidget* parent) {
    auto* spin = new QDoubleSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(0.1, 86400.0);
    spin->setDecimals(1);
    spin->setSuffix(QObject::tr(" s"));
    spin->setAccelerated(true);
    return spin;
}
} // namespace

EndpointForm::EndpointForm(QWidget* parent)
    : QWidget(parent) {
    m_general = new FieldIssueLabel(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildIdentity());
    layout->addWidget(buildRequest());
    layout->addWidget(buildConnection());
    layout->addWidget(buildCost());
    m_serverMetrics = new ServerMetricsForm(this);
    layout->addWidget(m_serverMetrics);
    connect(m_serverMetrics, &ServerMetricsForm::changed, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
    connect(m_url, &QLineEdit::textChanged, m_serverMetrics,
            [this](const QString& url) { m_serverMetrics->setEndpointUrl(QUrl(url.trimmed())); });
    m_test = new ConnectionTestPanel(this);
    m_test->setEndpointSource([this] { return endpoint(); });
    layout->addWidget(m_test);
    layout->addWidget(m_general);
    layout->addStretch();
    setEndpoint(EndpointConfig{});
}

QWidget* EndpointForm::buildIdentity() {
    auto* group = new QGroupBox(tr("Endpoint"), this);
    auto* form = new QFormLayout(group);
    m_name = new QLineEdit(group);
    m_name->setObjectName(u"endpointName"_s);
    m_flavor = new QComboBox(group);
    m_flavor->setObjectName(u"flavor"_s);

    auto* urlRow = new QWidget(group);
    auto* urlLayout = new QHBoxLayout(urlRow);
    urlLayout->setContentsMargins(0, 0, 0, 0);
    m_url = new QLineEdit(urlRow);
    m_url->setObjectName(u"url"_s);
    m_url->setPlaceholderText(tr("http://127.0.0.1:8000/v1  or  sim:default"));
    auto* simButton = new QToolButton(urlRow);
    simButton->setText(tr("Simulator"));
    simButton->setToolTip(tr("Use the built-in simulated endpoint (no server, key or network)"));
    simButton->setPopupMode(QToolButton::InstantPopup);
    auto* simMenu = new QMenu(simButton);
    for (const QString& preset : SimConfig::presetNames())
        simMenu->addAction(preset, this, [this, preset] { m_url->setText(u"sim:"_s + preset); });
    simButton->setMenu(simMenu);
    urlLayout->addWidget(m_url, 1);
    urlLayout->addWidget(simButton);

    m_model = new QLineEdit(group);
    m_model->setObjectName(u"model"_s);
    m_apiVersion = new QLineEdit(group);
    m_apiVersion->setObjectName(u"apiVersion"_s);
    m_apiVersion->setPlaceholderText(tr("Azure OpenAI only, e.g. 2024-06-01"));
    m_key = new KeySourceWidget(group);

    FormHelpers::addRow(form, tr("&Name"), m_name, &m_issues, u"name"_s);
    FormHelpers::addRow(form, tr("API &flavor"), m_flavor, &m_issues, u"flavor"_s);
    FormHelpers::addRow(form, tr("&URL"), urlRow, &m_issues, u"url"_s);
    FormHelpers::addRow(form, tr("&Model"), m_model, &m_issues, u"model"_s);
    FormHelpers::addRow(form, tr("API &version"), m_apiVersion, &m_issues, u"apiVersion"_s);
    FormHelpers::addRow(form, tr("API &key"), m_key, &m_issues, u"api_key"_s);

    for (QLineEdit* edit : {m_name, m_url, m_model, m_apiVersion})
        connect(edit, &QLineEdit::textChanged, this, [this] {
            if (!m_loading)
                Q_EMIT changed();
        });
    connect(m_flavor, &QComboBox::currentIndexChanged, this, [this] {
        updateDependentWidgets();
        if (!m_loading)
            Q_EMIT changed();
    });
    connect(m_key, &KeySourceWidget::changed, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
    return group;
}

QWidget* EndpointForm::buildRequest() {
    auto* group = new QGroupBox(tr("Request"), this);
    auto* form = new QFormLayout(group);
    m_headers = new HeadersTable(group);
    m_extraBody = new JsonObjectEdit(group);
    m_extraBody->setObjectName(u"extraBody"_s);
    m_forceExact = new QCheckBox(tr("Force the exact output length"), group);
    m_forceExact->setToolTip(tr("Asks the server to ignore end-of-sequence (ignore_eos / "
                                "min_tokens where supported), so every answer has the same "
                                "length"));
    m_forceExact->setObjectName(u"forceExactOutput"_s);
    FormHelpers::addRow(form, tr("Extra headers"), m_headers, &m_issues, u"headers"_s);
    FormHelpers::addRow(form, tr("Extra body"), m_extraBody, &m_issues, u"extra_body"_s);
    form->addRow(QString(), m_forceExact);
    connect(m_headers, &HeadersTable::changed, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
    connect(m_extraBody, &JsonObjectEdit::changed, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
    connect(m_forceExact, &QCheckBox::toggled, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
    return group;
}

QWidget* EndpointForm::buildConnection() {
    auto* group = new QGroupBox(tr("Connection"), this);
    auto* form = new QFormLayout(group);
    m_verifyTls = new QCheckBox(tr("Verify TLS certificates"), group);
    m_verifyTls->setObjectName(u"verifyTls"_s);
    m_tlsWarning = new QLabel(tr("⚠ Certificate checks are off: anyone on the path can read "
                                 "the API key and the traffic. Use only for a test server."),
                              group);
    m_tlsWarning->setObjectName(u"tlsWarning"_s);
    m_tlsWarning->setWordWrap(true);
    m_systemProxy = new QCheckBox(tr("Use the system proxy"), group);
    m_systemProxy->setToolTip(tr("HTTP_PROXY / HTTPS_PROXY / NO_PROXY from the environment"));
    m_systemProxy->setObjectName(u"useSystemProxy"_s);
    m_http2 = new QCheckBox(tr("HTTP/2"), group);
    m_http2->setToolTip(tr("All requests multiplexed on one connection: a different kind of load "
                           "than one connection per request (HTTP/1.1)"));
    m_http2->setObjectName(u"http2"_s);
    form->addRow(m_verifyTls);
    form->addRow(m_tlsWarning);
    m_tlsFiles = new TlsFilesForm(&m_issues, group);
    form->addRow(m_tlsFiles);
    connect(m_tlsFiles, &TlsFilesForm::changed, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
    form->addRow(m_systemProxy);
    form->addRow(m_http2);

    m_connectTimeout = secondsSpin(u"connectTimeoutS"_s, group);
    m_firstTokenTimeout = secondsSpin(u"firstTokenTimeoutS"_s, group);
    m_idleTimeout = secondsSpin(u"idleTimeoutS"_s, group);
    m_totalTimeout = secondsSpin(u"totalTimeoutS"_s, group);
    // Field names as the profile file spells them (what ProfileValidator reports).
    FormHelpers::addRow(form, tr("Connect timeout"), m_connectTimeout, &m_issues,
                        u"timeouts.connect_s"_s);
    FormHelpers::addRow(form, tr("First token timeout"), m_firstTokenTimeout, &m_issues,
                        u"timeouts.first_token_s"_s);
    FormHelpers::addRow(form, tr("Idle timeout"), m_idleTimeout, &m_issues, u"timeouts.idle_s"_s);
    FormHelpers::addRow(form, tr("Total timeout"), m_totalTimeout, &m_issues,
                        u"timeouts.total_s"_s);

    for (QCheckBox* box : {m_verifyTls, m_systemProxy, m_http2})
        connect(box, &QCheckBox::toggled, this, [this] {
            updateDependentWidgets();
            if (!m_loading)
                Q_EMIT changed();
        });
    for (QDoubleSpinBox* spin :
         {m_connectTimeout, m_firstTokenTimeout, m_idleTimeout, m_totalTimeout})
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this] {
            if (!m_loading)
                Q_EMIT changed();
        });
    return group;
}

QWidget* EndpointForm::buildCost() {
    auto* group = new QGroupBox(tr("Cost"), this);
    auto* layout = new QVBoxLayout(group);
    m_price = new PriceForm(&m_issues, group);
    layout->addWidget(m_price);
    connect(m_price, &PriceForm::changed, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
    return group;
}

void EndpointForm::fillFlavors(const QString& current) {
    const QSignalBlocker blocker(m_flavor);
    m_flavor->clear();
    for (const QString& id : ProfileValidator::flavors()) {
        const auto flavor = ApiFlavor::create(id);
        m_flavor->addItem(flavor ? flavor->displayName() : id, id);
    }
    int index = m_flavor->findData(current);
    if (index < 0 && !current.isEmpty()) {
        // Keep an unknown flavor visible rather than silently changing it on save.
        m_flavor->addItem(current, current);
        index = m_flavor->count() - 1;
    }
    m_flavor->setCurrentIndex(index);
}

void EndpointForm::setEndpoint(const EndpointConfig& e) {
    m_loading = true;
    m_name->setText(e.name);
    fillFlavors(e.flavor);
    m_url->setText(e.url.toString());
    m_model->setText(e.model);
    m_apiVersion->setText(e.apiVersion);
    m_key->setReference(e.apiKeyRef);
    m_headers->setHeaders(e.headers);
    m_extraBody->setObject(e.extraBody);
    m_verifyTls->setChecked(e.verifyTls);
    m_tlsFiles->setEndpoint(e);
    m_price->setPrice(e.price);
    m_systemProxy->setChecked(e.useSystemProxy);
    m_http2->setChecked(e.http2);
    m_forceExact->setChecked(e.forceExactOutput);
    m_connectTimeout->setValue(e.connectTimeoutS);
    m_firstTokenTimeout->setValue(e.firstTokenTimeoutS);
    m_idleTimeout->setValue(e.idleTimeoutS);
    m_totalTimeout->setValue(e.totalTimeoutS);
    m_serverMetrics->setConfig(e.serverMetrics);
    m_loading = false;
    updateDependentWidgets();
}

EndpointConfig EndpointForm::endpoint() const {
    EndpointConfig e;
    e.name = m_name->text().trimmed();
    e.flavor = m_flavor->currentData().toString();
    e.url = QUrl(m_url->text().trimmed());
    e.model = m_model->text().trimmed();
    e.apiKeyRef = m_key->reference();
    e.apiVersion = m_apiVersion->text().trimmed();
    e.headers = m_headers->headers();
    e.extraBody = m_extraBody->object();
    e.verifyTls = m_verifyTls->isChecked();
    m_tlsFiles->apply(&e);
    e.price = m_price->price();
    e.useSystemProxy = m_systemProxy->isChecked();
    e.http2 = m_http2->isChecked();
    e.forceExactOutput = m_forceExact->isChecked();
    e.connectTimeoutS = m_connectTimeout->value();
    e.firstTokenTimeoutS = m_firstTokenTimeout->value();
    e.idleTimeoutS = m_idleTimeout->value();
    e.totalTimeoutS = m_totalTimeout->value();
    e.serverMetrics = m_serverMetrics->config();
    return e;
}

QList<ValidationIssue> EndpointForm::localIssues() const {
    QList<ValidationIssue> issues;
    if (!m_extraBody->problem().isEmpty())
        issues.append({u"extra_body"_s, m_extraBody->problem()});
    if (!m_headers->problem().isEmpty())
        issues.append({u"headers"_s, m_headers->problem()});
    if (!m_key->problem().isEmpty())
        issues.append({u"api_key"_s, m_key->problem()});
    issues += m_tlsFiles->localIssues();
    issues += m_serverMetrics->localIssues();
    return issues;
}

QList<ValidationIssue> EndpointForm::showIssues(const QList<ValidationIssue>& issues) {
    const QList<ValidationIssue> rest = m_issues.apply(m_serverMetrics->showIssues(issues));
    QStringList general;
    for (const ValidationIssue& issue : rest)
        general << issue.field + u": "_s + issue.message;
    m_general->setIssue(general.join(u'\n'));
    return rest;
}

void EndpointForm::updateDependentWidgets() {
    const bool azure = m_flavor->currentData().toString() == u"azure-openai"_s;
    m_apiVersion->setEnabled(azure || !m_apiVersion->text().isEmpty());
    m_tlsWarning->setVisible(!m_verifyTls->isChecked());
}

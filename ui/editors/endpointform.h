#pragma once

#include "editors/issuemap.h"
#include "profile/endpointconfig.h"
#include "profile/profilevalidator.h"

#include <QWidget>

class ConnectionTestPanel;
class FieldIssueLabel;
class HeadersTable;
class JsonObjectEdit;
class KeySourceWidget;
class PriceForm;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class ServerMetricsForm;
class TlsFilesForm;

// Edits one EndpointConfig: name, flavor, URL, model, key source, headers, extra body,
// TLS/proxy/HTTP2 switches, timeouts, and tests the connection.
class EndpointForm : public QWidget {
    Q_OBJECT
public:
    explicit EndpointForm(QWidget* parent = nullptr);

    void setEndpoint(const EndpointConfig& endpoint);
    EndpointConfig endpoint() const;
    // Problems the profile cannot represent (bad JSON, bad header name); fields are
    // relative ("extraBody", "headers", "apiKeyRef").
    QList<ValidationIssue> localIssues() const;
    // Issues for this endpoint with the "endpoints[i]." prefix already removed.
    QList<ValidationIssue> showIssues(const QList<ValidationIssue>& issues);

    ConnectionTestPanel* testPanel() const { return m_test; }
    ServerMetricsForm* serverMetricsForm() const { return m_serverMetrics; }

Q_SIGNALS:
    void changed();

private:
    QWidget* buildIdentity();
    QWidget* buildRequest();
    QWidget* buildConnection();
    QWidget* buildCost();
    void updateDependentWidgets();
    void fillFlavors(const QString& current);

    IssueMap m_issues;
    QLineEdit* m_name;
    QComboBox* m_flavor;
    QLineEdit* m_url;
    QLineEdit* m_model;
    QLineEdit* m_apiVersion;
    KeySourceWidget* m_key;
    HeadersTable* m_headers;
    JsonObjectEdit* m_extraBody;
    QCheckBox* m_verifyTls;
    QLabel* m_tlsWarning;
    TlsFilesForm* m_tlsFiles; // issue 14: CA bundle, client certificate and key
    PriceForm* m_price;       // issue 14: what the endpoint costs
    QCheckBox* m_systemProxy;
    QCheckBox* m_http2;
    QCheckBox* m_forceExact;
    QDoubleSpinBox* m_connectTimeout;
    QDoubleSpinBox* m_firstTokenTimeout;
    QDoubleSpinBox* m_idleTimeout;
    QDoubleSpinBox* m_totalTimeout;
    ConnectionTestPanel* m_test;
    ServerMetricsForm* m_serverMetrics; // issue 12: the server's /metrics
    FieldIssueLabel* m_general;
    bool m_loading = false;
};

#pragma once

#include "editors/issuemap.h"
#include "profile/profilevalidator.h"
#include "profile/servermetricsconfig.h"

#include <QGroupBox>
#include <QUrl>

class KeySourceWidget;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

// The endpoint's server_metrics (issue 12): whether to scrape the server's Prometheus
// /metrics during runs, from which URL (empty: the endpoint's origin + /metrics, shown as the
// placeholder), with which key (none, the endpoint's own, or another environment variable),
// how often, and which raw metric names to keep besides the engine's known ones. Problems
// show beside their fields (localIssues(), under "server_metrics.*") and block a run, so
// what is saved always reads back.
class ServerMetricsForm : public QGroupBox {
    Q_OBJECT
public:
    explicit ServerMetricsForm(QWidget* parent = nullptr);

    void setConfig(const ServerMetricsConfig& config);
    ServerMetricsConfig config() const;
    // The endpoint's URL as edited: the placeholder shows the default metrics URL for it.
    void setEndpointUrl(const QUrl& url);
    QString urlPlaceholder() const;

    QList<ValidationIssue> localIssues() const;
    // Shows the issues whose field starts with "server_metrics"; returns the others.
    QList<ValidationIssue> showIssues(const QList<ValidationIssue>& issues);

Q_SIGNALS:
    void changed();

private:
    enum KeyChoice { NoKey = 0, SameKey = 1, OtherKey = 2 };

    void build();
    void emitChanged();
    void updateState();
    QStringList extraNames() const;

    IssueMap m_issues;
    QLineEdit* m_url;
    QComboBox* m_keyChoice;
    KeySourceWidget* m_key;
    QCheckBox* m_verifyTls;
    QSpinBox* m_interval;
    QLineEdit* m_extra;
    bool m_loading = false;
};

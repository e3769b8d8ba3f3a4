#pragma once

#include "profile/endpointconfig.h"
#include "profile/profilevalidator.h"

#include <QList>
#include <QWidget>

class EndpointForm;
class QListWidget;
class QPushButton;

// The profile's endpoints: a list (add, duplicate, remove) above the form of the selected
// one. The selected endpoint is the one a run uses (Profile::activeEndpoint).
class EndpointListEditor : public QWidget {
    Q_OBJECT
public:
    explicit EndpointListEditor(QWidget* parent = nullptr);

    void setEndpoints(const QList<EndpointConfig>& endpoints, int active);
    QList<EndpointConfig> endpoints() const;
    int activeEndpoint() const;

    // Full paths ("endpoints[1].extraBody").
    QList<ValidationIssue> localIssues() const;
    // Takes every "endpoints..." issue; returns those it could not place.
    QList<ValidationIssue> showIssues(const QList<ValidationIssue>& issues);

    EndpointForm* form() const { return m_form; }
    void addEndpoint();
    void duplicateEndpoint();
    void removeEndpoint();

Q_SIGNALS:
    void changed();

private:
    void selectRow(int row);
    void refreshList();
    void onFormChanged();

    QList<EndpointConfig> m_endpoints;
    QList<QList<ValidationIssue>> m_localIssues; // per endpoint, relative fields
    int m_current = 0;
    QListWidget* m_list;
    QPushButton* m_remove;
    EndpointForm* m_form;
};

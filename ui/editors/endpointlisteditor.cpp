#include "editors/endpointlisteditor.h"

#include "editors/endpointform.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

EndpointListEditor::EndpointListEditor(QWidget* parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_form(new EndpointForm(this)) {
    m_list->setObjectName(u"endpointList"_s);
    m_list->setMaximumHeight(fontMetrics().height() * 4 + 8);
    m_list->setToolTip(tr("The selected endpoint is the one a run uses."));
    auto* add = new QPushButton(tr("Add"), this);
    add->setObjectName(u"addEndpoint"_s);
    auto* duplicate = new QPushButton(tr("Duplicate"), this);
    duplicate->setObjectName(u"duplicateEndpoint"_s);
    m_remove->setObjectName(u"removeEndpoint"_s);

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(duplicate);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto* top = new QHBoxLayout;
    top->addWidget(m_list, 1);
    top->addLayout(buttons);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_form);

    connect(add, &QPushButton::clicked, this, &EndpointListEditor::addEndpoint);
    connect(duplicate, &QPushButton::clicked, this, &EndpointListEditor::duplicateEndpoint);
    connect(m_remove, &QPushButton::clicked, this, &EndpointListEditor::removeEndpoint);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0 || row == m_current)
            return;
        // What the form could not represent (half-typed JSON) stays behind: the stored
        // endpoint keeps its last valid values, so it has no local issues any more.
        m_localIssues[m_current].clear();
        m_current = row; // the active endpoint changed
        m_form->setEndpoint(m_endpoints.at(row));
        m_localIssues[row] = m_form->localIssues(); // e.g. a TLS file that is not there
        Q_EMIT changed();
    });
    connect(m_form, &EndpointForm::changed, this, &EndpointListEditor::onFormChanged);
    setEndpoints({EndpointConfig{}}, 0);
}

void EndpointListEditor::setEndpoints(const QList<EndpointConfig>& endpoints, int active) {
    m_endpoints = endpoints.isEmpty() ? QList<EndpointConfig>{EndpointConfig{}} : endpoints;
    m_localIssues = QList<QList<ValidationIssue>>(m_endpoints.size());
    m_current = std::clamp(active, 0, int(m_endpoints.size()) - 1);
    refreshList();
    m_form->setEndpoint(m_endpoints.at(m_current));
    // A loaded profile's TLS files are checked at once, not only after an edit (issue 14).
    m_localIssues[m_current] = m_form->localIssues();
}

QList<EndpointConfig> EndpointListEditor::endpoints() const {
    return m_endpoints;
}

int EndpointListEditor::activeEndpoint() const {
    return m_current;
}

void EndpointListEditor::refreshList() {
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const EndpointConfig& e : m_endpoints) {
        const QString url = e.isBuiltinSimulator() ? tr("built-in simulator") : e.url.host();
        m_list->addItem(e.name.isEmpty() ? tr("(unnamed)") : e.name + u"  —  "_s + url);
    }
    m_list->setCurrentRow(m_current);
    m_remove->setEnabled(m_endpoints.size() > 1);
}

void EndpointListEditor::onFormChanged() {
    m_endpoints[m_current] = m_form->endpoint();
    m_localIssues[m_current] = m_form->localIssues();
    const EndpointConfig& e = m_endpoints.at(m_current);
    const QString url = e.isBuiltinSimulator() ? tr("built-in simulator") : e.url.host();
    if (QListWidgetItem* item = m_list->item(m_current))
        item->setText(e.name.isEmpty() ? tr("(unnamed)") : e.name + u"  —  "_s + url);
    Q_EMIT changed();
}

void EndpointListEditor::addEndpoint() {
    EndpointConfig e;
    e.name = tr("New endpoint");
    e.url = QUrl(u"http://127.0.0.1:8000/v1"_s);
    e.model.clear();
    m_endpoints.append(e);
    m_localIssues.append(QList<ValidationIssue>());
    selectRow(int(m_endpoints.size()) - 1);
}

void EndpointListEditor::duplicateEndpoint() {
    EndpointConfig e = m_endpoints.at(m_current);
    e.name = tr("%1 (copy)").arg(e.name);
    m_endpoints.insert(m_current + 1, e);
    m_localIssues.insert(m_current + 1, QList<ValidationIssue>());
    selectRow(m_current + 1);
}

void EndpointListEditor::removeEndpoint() {
    if (m_endpoints.size() <= 1)
        return;
    m_endpoints.removeAt(m_current);
    m_localIssues.removeAt(m_current);
    selectRow(std::min(m_current, int(m_endpoints.size()) - 1));
}

void EndpointListEditor::selectRow(int row) {
    if (m_current < m_localIssues.size())
        m_localIssues[m_current].clear();
    m_current = row;
    refreshList();
    m_form->setEndpoint(m_endpoints.at(row));
    m_localIssues[row] = m_form->localIssues();
    Q_EMIT changed();
}

QList<ValidationIssue> EndpointListEditor::localIssues() const {
    QList<ValidationIssue> out;
    for (int i = 0; i < m_localIssues.size(); ++i)
        for (const ValidationIssue& issue : m_localIssues.at(i))
            out.append({u"endpoints[%1]."_s.arg(i) + issue.field, issue.message});
    return out;
}

QList<ValidationIssue> EndpointListEditor::showIssues(const QList<ValidationIssue>& issues) {
    static const QRegularExpression path(u"^endpoints\\[(\\d+)\\]\\.?(.*)$"_s);
    QList<ValidationIssue> current;
    QList<ValidationIssue> rest;
    QList<int> withIssues;
    for (const ValidationIssue& issue : issues) {
        const auto match = path.match(issue.field);
        if (!match.hasMatch()) {
            rest.append(issue);
            continue;
        }
        const int index = match.captured(1).toInt();
        if (index == m_current)
            current.append({match.captured(2), issue.message});
        else if (!withIssues.contains(index))
            withIssues.append(index);
    }
    m_form->showIssues(current);
    // Other endpoints' problems are flagged on their list rows.
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (int row = 0; row < m_list->count(); ++row) {
        const bool flagged = withIssues.contains(row) || (row == m_current && !current.isEmpty());
        m_list->item(row)->setIcon(flagged ? warning : QIcon());
        m_list->item(row)->setToolTip(flagged ? tr("This endpoint has invalid settings.")
                                              : QString());
    }
    return rest;
}

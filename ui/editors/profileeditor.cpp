#include "editors/profileeditor.h"

#include "editors/budgeteditor.h"
#include "editors/endpointlisteditor.h"
#include "editors/fieldissuelabel.h"
#include "editors/prompteditor.h"
#include "editors/sweepplaneditor.h"
#include "editors/workloadeditor.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QScrollArea>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ProfileEditor::ProfileEditor(QWidget* parent)
    : QWidget(parent)
    , m_name(new QLineEdit(this))
    , m_nameIssue(new FieldIssueLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_endpoints(new EndpointListEditor)
    , m_sweep(new SweepPlanEditor)
    , m_prompts(new PromptEditor)
    , m_budget(new BudgetEditor)
    , m_workload(new WorkloadEditor)
    , m_general(new FieldIssueLabel(this)) {
    m_name->setObjectName(u"profileName"_s);
    m_tabs->setObjectName(u"profileTabs"_s);
    m_tabs->setDocumentMode(true);

    auto* nameForm = new QFormLayout;
    nameForm->addRow(tr("Profile &name"), m_name);
    nameForm->addRow(QString(), m_nameIssue);

    auto* sweepPage = new QWidget;
    auto* sweepLayout = new QVBoxLayout(sweepPage);
    sweepLayout->addWidget(m_sweep);
    sweepLayout->addWidget(m_prompts);
    sweepLayout->addStretch();
    auto* budgetPage = new QWidget;
    auto* budgetLayout = new QVBoxLayout(budgetPage);
    budgetLayout->addWidget(m_budget);
    budgetLayout->addStretch();
    auto* endpointPage = new QWidget;
    auto* endpointLayout = new QVBoxLayout(endpointPage);
    endpointLayout->addWidget(m_endpoints);

    m_tabs->addTab(scrollable(endpointPage), tr("Endpoint"));
    m_tabs->addTab(scrollable(sweepPage), tr("Sweep"));
    m_tabs->addTab(scrollable(m_workload), tr("Workload"));
    m_tabs->addTab(scrollable(budgetPage), tr("Budget && stop"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addLayout(nameForm);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_general);

    auto onChange = [this] {
        if (m_loading)
            return;
        revalidate();
        Q_EMIT changed();
    };
    connect(m_name, &QLineEdit::textChanged, this, onChange);
    connect(m_endpoints, &EndpointListEditor::changed, this, onChange);
    connect(m_sweep, &SweepPlanEditor::changed, this, onChange);
    connect(m_prompts, &PromptEditor::changed, this, onChange);
    connect(m_budget, &BudgetEditor::changed, this, onChange);
    connect(m_workload, &WorkloadEditor::changed, this, onChange);
    connect(m_prompts, &PromptEditor::changed, this, [this] {
        const PromptSource prompts = m_prompts->source();
        m_workload->setDefaultLengths(prompts.inputTokens, prompts.outputTokens);
    });
    setProfile(Profile::defaultProfile());
}

QWidget* ProfileEditor::scrollable(QWidget* page) {
    auto* area = new QScrollArea;
    area->setWidget(page);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Never narrower than the page's content (no clipped buttons), room kept for the
    // vertical scroll bar.
    area->setMinimumWidth(page->minimumSizeHint().width() +
                          area->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 4);
    return area;
}

void ProfileEditor::setWorkloadPreview(QWidget* preview) {
    m_workload->setPreview(preview);
}

void ProfileEditor::setProfile(const Profile& profile) {
    m_loading = true;
    m_base = profile;
    m_name->setText(profile.name);
    m_endpoints->setEndpoints(profile.endpoints, profile.activeEndpoint);
    m_sweep->setPlan(profile.plan);
    m_prompts->setSource(profile.prompts);
    m_budget->setBudget(profile.budget, profile.plan);
    m_workload->setSettings(profile.workload);
    m_workload->setDefaultLengths(profile.prompts.inputTokens, profile.prompts.outputTokens);
    m_loading = false;
    revalidate();
}

Profile ProfileEditor::profile() const {
    Profile p = m_base;
    p.name = m_name->text().trimmed();
    p.endpoints = m_endpoints->endpoints();
    p.activeEndpoint = m_endpoints->activeEndpoint();
    p.plan = m_sweep->plan(m_base.plan);
    m_budget->applyStopRules(&p.plan);
    p.prompts = m_prompts->source();
    p.budget = m_budget->budget();
    p.workload = m_workload->settings();
    return p;
}

void ProfileEditor::revalidate() {
    const bool wasValid = m_issues.isEmpty();
    QList<ValidationIssue> all = m_endpoints->localIssues();
    all += m_sweep->localIssues();
    all += m_workload->localIssues();
    all += m_prompts->localIssues();
    const Profile current = profile();
    if (current.activeEndpoint >= 0 && current.activeEndpoint < current.endpoints.size())
        m_prompts->setFlavor(current.endpoint().flavor);
    all += ProfileValidator::validate(current);
    m_issues = all;

    QList<ValidationIssue> endpointIssues;
    QList<ValidationIssue> planIssues;
    QList<ValidationIssue> promptIssues;
    QList<ValidationIssue> budgetIssues;
    QList<ValidationIssue> workloadIssues;
    QStringList nameIssues;
    QStringList general;
    auto strip = [](const ValidationIssue& issue, qsizetype prefix) {
        return ValidationIssue{issue.field.mid(prefix), issue.message};
    };
    for (const ValidationIssue& issue : all) {
        if (issue.field.startsWith(u"endpoints"_s))
            endpointIssues.append(issue);
        else if (issue.field.startsWith(u"plan."_s))
            planIssues.append(strip(issue, 5));
        else if (issue.field.startsWith(u"prompts."_s))
            promptIssues.append(strip(issue, 8));
        else if (issue.field.startsWith(u"budget."_s))
            budgetIssues.append(strip(issue, 7));
        else if (issue.field.startsWith(u"workload."_s))
            workloadIssues.append(strip(issue, 9));
        else if (issue.field == u"name"_s)
            nameIssues << issue.message;
        else
            general << (issue.field.isEmpty() ? issue.message
                                              : issue.field + u": "_s + issue.message);
    }
    const QList<ValidationIssue> endpointRest = m_endpoints->showIssues(endpointIssues);
    for (const ValidationIssue& issue : endpointRest)
        general << issue.field + u": "_s + issue.message;
    const QList<ValidationIssue> sweepPlanIssues = m_budget->showIssues(budgetIssues, planIssues);
    m_sweep->showIssues(sweepPlanIssues);
    m_prompts->showIssues(promptIssues);
    m_workload->showIssues(workloadIssues);
    m_nameIssue->setIssue(nameIssues.join(u'\n'));
    m_general->setIssue(general.join(u'\n'));

    // A warning icon on every tab that has something to fix.
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    m_tabs->setTabIcon(EndpointPage, endpointIssues.isEmpty() ? QIcon() : warning);
    m_tabs->setTabIcon(SweepPage,
                       sweepPlanIssues.isEmpty() && promptIssues.isEmpty() ? QIcon() : warning);
    m_tabs->setTabIcon(WorkloadPage, workloadIssues.isEmpty() ? QIcon() : warning);
    m_tabs->setTabIcon(BudgetPage, budgetIssues.size() + planIssues.size() > sweepPlanIssues.size()
                                       ? warning
                                       : QIcon());

    if (wasValid != m_issues.isEmpty())
        Q_EMIT validityChanged(m_issues.isEmpty());
    Q_EMIT profileUpdated();
}

#pragma once

#include "profile/profile.h"
#include "profile/profilevalidator.h"

#include <QWidget>

class BudgetEditor;
class EndpointListEditor;
class FieldIssueLabel;
class PromptEditor;
class QLineEdit;
class QTabWidget;
class SweepPlanEditor;
class WorkloadEditor;

// The whole profile: its name, then tabs for endpoints, the sweep plan with prompts, the
// workload (what each request sends), and the latency budget with stop rules. Validates as
// the user types (ProfileValidator plus the editors' own checks) and shows each reason next
// to its field.
class ProfileEditor : public QWidget {
    Q_OBJECT
public:
    enum Page { EndpointPage, SweepPage, WorkloadPage, BudgetPage };

    explicit ProfileEditor(QWidget* parent = nullptr);

    void setProfile(const Profile& profile);
    Profile profile() const;
    QList<ValidationIssue> issues() const { return m_issues; }
    bool isValid() const { return m_issues.isEmpty(); }

    EndpointListEditor* endpointEditor() const { return m_endpoints; }
    SweepPlanEditor* sweepEditor() const { return m_sweep; }
    PromptEditor* promptEditor() const { return m_prompts; }
    BudgetEditor* budgetEditor() const { return m_budget; }
    WorkloadEditor* workloadEditor() const { return m_workload; }
    // Puts a live preview of the workload beside its options (the window builds it: the
    // editors do not draw charts).
    void setWorkloadPreview(QWidget* preview);
    QTabWidget* tabs() const { return m_tabs; }

Q_SIGNALS:
    void changed();
    void validityChanged(bool valid);
    // The widgets may hold another profile: after every edit and after setProfile().
    void profileUpdated();

private:
    void revalidate();
    QWidget* scrollable(QWidget* page);

    QLineEdit* m_name;
    FieldIssueLabel* m_nameIssue;
    QTabWidget* m_tabs;
    EndpointListEditor* m_endpoints;
    SweepPlanEditor* m_sweep;
    PromptEditor* m_prompts;
    BudgetEditor* m_budget;
    WorkloadEditor* m_workload;
    FieldIssueLabel* m_general;
    Profile m_base; // fields no widget edits are carried through unchanged
    QList<ValidationIssue> m_issues;
    bool m_loading = false;
};

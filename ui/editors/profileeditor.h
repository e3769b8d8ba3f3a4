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

// The whole profile: its name, then tabs for endpoints, the sweep plan with prompts, and
// the latency budget with stop rules. Validates as the user types (ProfileValidator plus
// the editors' own checks) and shows each reason next to its field.
class ProfileEditor : public QWidget {
    Q_OBJECT
public:
    enum Page { EndpointPage, SweepPage, BudgetPage };

    explicit ProfileEditor(QWidget* parent = nullptr);

    void setProfile(const Profile& profile);
    Profile profile() const;
    QList<ValidationIssue> issues() const { return m_issues; }
    bool isValid() const { return m_issues.isEmpty(); }

    EndpointListEditor* endpointEditor() const { return m_endpoints; }
    SweepPlanEditor* sweepEditor() const { return m_sweep; }
    PromptEditor* promptEditor() const { return m_prompts; }
    BudgetEditor* budgetEditor() const { return m_budget; }
    QTabWidget* tabs() const { return m_tabs; }

Q_SIGNALS:
    void changed();
    void validityChanged(bool valid);

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
    FieldIssueLabel* m_general;
    Profile m_base; // fields no widget edits are carried through unchanged
    QList<ValidationIssue> m_issues;
    bool m_loading = false;
};

#pragma once

#include "editors/issuemap.h"
#include "profile/latencybudget.h"
#include "profile/latencymetric.h"
#include "profile/profilevalidator.h"
#include "profile/sweepplan.h"

#include <QWidget>

class FieldIssueLabel;
class QCheckBox;
class QSpinBox;
class QDoubleSpinBox;
class QTableWidget;

// The latency budget (rows: metric, statistic, max ms) and the sweep's stop rules
// (at the plateau, when the budget is exceeded, above an error rate).
class BudgetEditor : public QWidget {
    Q_OBJECT
public:
    explicit BudgetEditor(QWidget* parent = nullptr);

    void setBudget(const LatencyBudget& budget, const SweepPlan& plan);
    LatencyBudget budget() const;
    void applyStopRules(SweepPlan* plan) const;
    // Issues with "budget." or "plan." fields that belong here; returns the rest.
    QList<ValidationIssue> showIssues(const QList<ValidationIssue>& budgetIssues,
                                      const QList<ValidationIssue>& planIssues);
    void addLimit(const LatencyLimit& limit = {LatencyMetric::Ttft, LatencyStat::P95, 500.0});
    QTableWidget* table() const { return m_table; }

Q_SIGNALS:
    void changed();

private:
    QWidget* buildRefine(QWidget* parent);
    void emitChanged();
    void removeRow(QWidget* rowWidget);

    IssueMap m_budgetIssues;
    IssueMap m_planIssues;
    QTableWidget* m_table;
    FieldIssueLabel* m_limitsIssue;
    QCheckBox* m_stopAtPlateau;
    QDoubleSpinBox* m_plateauGain;
    QCheckBox* m_stopOnBudget;
    QCheckBox* m_refine;
    QSpinBox* m_refineLevels;
    QCheckBox* m_stopOnErrors;
    QDoubleSpinBox* m_maxErrorRate;
    FieldIssueLabel* m_general;
    bool m_loading = false;
};

#pragma once

#include "editors/issuemap.h"
#include "profile/profilevalidator.h"
#include "profile/sweepplan.h"

#include <QWidget>

class FieldIssueLabel;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QStackedWidget;
class UntilStableEditor;

// How load is applied: concurrency levels (closed loop) or request rates (open loop),
// how long each level lasts, warm-up. Stop rules live in the budget editor.
class SweepPlanEditor : public QWidget {
    Q_OBJECT
public:
    explicit SweepPlanEditor(QWidget* parent = nullptr);

    // Stop-rule fields of the plan are passed through untouched.
    void setPlan(const SweepPlan& plan);
    SweepPlan plan(const SweepPlan& base) const;
    QList<ValidationIssue> localIssues() const; // "plan.concurrencies", "plan.rates", "plan.seed"
    // Issues with the "plan." prefix removed; returns the unplaced ones.
    QList<ValidationIssue> showIssues(const QList<ValidationIssue>& issues);

Q_SIGNALS:
    void changed();

private:
    QWidget* buildLoad();
    QWidget* buildLength();
    void updateDependentWidgets();
    void applyPreset(int index);
    void emitChanged();

    IssueMap m_issues;
    QRadioButton* m_concurrencyMode;
    QRadioButton* m_rateMode;
    QStackedWidget* m_modeStack;
    QLineEdit* m_concurrencies;
    QComboBox* m_preset;
    QLineEdit* m_rates;
    QComboBox* m_arrival;
    QDoubleSpinBox* m_burstiness;
    QSpinBox* m_maxConcurrency;
    QComboBox* m_lengthKind;
    QDoubleSpinBox* m_duration;
    QSpinBox* m_requests;
    UntilStableEditor* m_untilStable;
    QFormLayout* m_lengthForm;
    QSpinBox* m_warmup;
    QLineEdit* m_seed;
    QLineEdit* m_interleaveWith;
    FieldIssueLabel* m_general;
    QList<int> m_lastConcurrencies;
    QList<double> m_lastRates;
    bool m_loading = false;
};

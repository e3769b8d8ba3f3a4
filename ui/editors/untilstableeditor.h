#pragma once

#include "profile/sweepplan.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;

// The targets of an "until stable" level (issue 13): how narrow the throughput and latency
// intervals must get, which latency percentile is watched, and the level's minimum and
// maximum duration. Shown by SweepPlanEditor when a level "runs until stable".
class UntilStableEditor : public QWidget {
    Q_OBJECT
public:
    explicit UntilStableEditor(QWidget* parent = nullptr);

    void setSettings(const SweepPlan::UntilStable& settings);
    // enabled is left to the caller (the level-length choice).
    SweepPlan::UntilStable settings() const;

Q_SIGNALS:
    void changed();

private:
    QDoubleSpinBox* percentSpin(const QString& objectName);
    QDoubleSpinBox* secondsSpin(const QString& objectName);

    QDoubleSpinBox* m_throughput;
    QDoubleSpinBox* m_latency;
    QComboBox* m_metric;
    QComboBox* m_stat;
    QDoubleSpinBox* m_minSeconds;
    QDoubleSpinBox* m_maxSeconds;
};

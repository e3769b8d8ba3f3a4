#pragma once

#include "profile/sweepplan.h"
#include "sweep/runprogress.h"

#include <QWidget>

class QLabel;
class QProgressBar;

// The status bar's run read-out: "Level 3 of 8 · c=4", a progress bar with the ETA,
// requests in flight, live tokens/s, errors.
class RunStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit RunStatusWidget(QWidget* parent = nullptr);

    void setPlan(const SweepPlan& plan); // to estimate a duration-bound level's progress
    void setProgress(const RunProgress& progress);
    void setIdleText(const QString& text);
    // The latest informational notice of the run ("calibrated prompts: ..."), muted.
    void setNotice(const QString& text);
    QString notice() const;

    // 0..1 over the whole sweep (exposed for tests).
    static double sweepFraction(const RunProgress& progress, const SweepPlan& plan);
    static QString formatEta(double seconds); // "1:05", "12 s", "" if unknown
    // An until-stable level's half-widths against their targets.
    static QString stabilityText(const RunProgress::Stability& stability);

    QString levelText() const;
    QString progressText() const; // "50% · 28 s left"
    QString inFlightText() const; // "In flight 8", "In flight 1 · finishing level"

private:
    SweepPlan m_plan;
    QLabel* m_level;
    QProgressBar* m_bar;
    QLabel* m_progressText;
    QLabel* m_inFlight;
    QLabel* m_tps;
    QLabel* m_errors;
    QLabel* m_notice;
};

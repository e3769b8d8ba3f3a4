#pragma once

#include "models/workloadpreview.h"
#include "profile/profile.h"

#include <QWidget>

class LengthHistogramChart;
class QLabel;
class QProgressBar;
class QTimer;
class WorkloadPreviewJob;

// The Workload tab's live preview: histograms of the input and output lengths the settings
// will produce and three sample prompts. Recomputed ~300 ms after the last change, off the
// GUI thread (WorkloadPreviewJob), and only while visible (a hidden tab costs nothing);
// reading a dataset shows a progress bar, and a newer change cancels the reading under way.
class WorkloadPreviewPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDebounceMs = 300;

    explicit WorkloadPreviewPanel(QWidget* parent = nullptr);

    // Schedules a recomputation for these settings (nothing happens when the workload and
    // the lengths it depends on are unchanged).
    void setProfile(const Profile& profile);
    // Recomputes now (tests; the debounce timer calls it).
    void refresh();

    const WorkloadPreview& preview() const { return m_preview; }
    bool isComputing() const;
    LengthHistogramChart* inputChart() const { return m_inputChart; }
    LengthHistogramChart* outputChart() const { return m_outputChart; }
    QLabel* noteLabel() const { return m_note; }
    QList<QLabel*> sampleLabels() const { return m_samples; }

Q_SIGNALS:
    void updated(); // a new preview is shown

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onDebounced();
    void onFinished(const WorkloadPreview& preview);
    void onProgress(qint64 bytesRead, qint64 bytesTotal);
    void showComputing();

    WorkloadPreviewJob* m_job;
    QTimer* m_debounce;
    Profile m_profile;
    bool m_hasProfile = false;
    bool m_pending = false; // settings changed while hidden: computed when shown
    WorkloadPreview m_preview;
    LengthHistogramChart* m_inputChart;
    LengthHistogramChart* m_outputChart;
    QProgressBar* m_progress;
    QLabel* m_note;
    QList<QLabel*> m_samples;
};

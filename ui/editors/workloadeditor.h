#pragma once

#include "editors/issuemap.h"
#include "profile/profilevalidator.h"
#include "profile/workloadsettings.h"

#include <QWidget>

class FieldIssueLabel;
class FilePathEdit;
class LengthDistributionEdit;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QBoxLayout;
class QLabel;
class QSpinBox;

// What a run sends (WorkloadSettings): the kind (synthetic, dataset, conversations, trace)
// and only that kind's options — length distributions, the dataset and how it is sampled,
// shared prefixes, conversation turns, the trace and its replay. A preview (built outside,
// see setPreview) sits beside the options when there is room, else below them.
class WorkloadEditor : public QWidget {
    Q_OBJECT
public:
    explicit WorkloadEditor(QWidget* parent = nullptr);

    void setSettings(const WorkloadSettings& settings);
    WorkloadSettings settings() const;
    // The fixed lengths of the Sweep tab that an unset distribution stands for.
    void setDefaultLengths(int inputTokens, int outputTokens);
    // Checks the profile validator cannot make on its own ("workload." fields).
    QList<ValidationIssue> localIssues() const;
    // Issues with "workload." removed from their field; returns the ones no field claimed.
    QList<ValidationIssue> showIssues(const QList<ValidationIssue>& issues);
    // Puts `preview` to the right of the options (the editor takes ownership).
    void setPreview(QWidget* preview);

    LengthDistributionEdit* inputEdit() const { return m_input; }
    LengthDistributionEdit* outputEdit() const { return m_output; }

Q_SIGNALS:
    void changed();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    QGroupBox* buildKindGroup();
    QGroupBox* buildLengthsGroup();
    QGroupBox* buildDatasetGroup();
    QGroupBox* buildSharedPrefixGroup();
    QGroupBox* buildConversationsGroup();
    QGroupBox* buildTraceGroup();
    void connectFields();
    void updateVisibility();
    void emitChanged();

    IssueMap m_issues;
    QBoxLayout* m_columns;
    QComboBox* m_kind;
    QLabel* m_kindNote;
    QGroupBox* m_lengthsGroup;
    QLabel* m_inputLabel;
    LengthDistributionEdit* m_input;
    LengthDistributionEdit* m_output;
    QGroupBox* m_datasetGroup;
    FilePathEdit* m_datasetPath;
    QComboBox* m_datasetFormat;
    QSpinBox* m_sample;
    QCheckBox* m_withReplacement;
    QCheckBox* m_shuffle;
    QSpinBox* m_minPromptWords;
    QSpinBox* m_maxPromptWords;
    QCheckBox* m_outputFromReference;
    QGroupBox* m_sharedPrefixGroup;
    QSpinBox* m_groups;
    QSpinBox* m_prefixTokens;
    QDoubleSpinBox* m_share;
    QGroupBox* m_conversationsGroup;
    QSpinBox* m_turns;
    QDoubleSpinBox* m_thinkTime;
    QCheckBox* m_thinkTimeExponential;
    QGroupBox* m_traceGroup;
    FilePathEdit* m_tracePath;
    QDoubleSpinBox* m_traceSpeed;
    QDoubleSpinBox* m_windowStart;
    QDoubleSpinBox* m_windowEnd;
    FieldIssueLabel* m_general;
    WorkloadSettings m_base; // fields no widget edits are carried through unchanged
    bool m_loading = false;
};

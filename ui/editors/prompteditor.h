#pragma once

#include "editors/issuemap.h"
#include "profile/profilevalidator.h"
#include "profile/promptsource.h"

#include <QWidget>

class FieldIssueLabel;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

// Where prompts come from (synthetic of a given length, or a JSONL file) and how many
// tokens to ask for.
class PromptEditor : public QWidget {
    Q_OBJECT
public:
    explicit PromptEditor(QWidget* parent = nullptr);

    void setSource(const PromptSource& source);
    PromptSource source() const;
    QList<ValidationIssue> showIssues(const QList<ValidationIssue>& issues); // "prompts." removed

Q_SIGNALS:
    void changed();

private:
    void browse();
    void emitChanged();

    IssueMap m_issues;
    QComboBox* m_kind;
    QLineEdit* m_file;
    QPushButton* m_browse;
    QSpinBox* m_inputTokens;
    QSpinBox* m_outputTokens;
    QCheckBox* m_calibrate;
    FieldIssueLabel* m_general;
    bool m_loading = false;
};

#pragma once

#include "editors/issuemap.h"
#include "profile/profilevalidator.h"
#include "profile/promptsource.h"

#include <QWidget>

class FieldIssueLabel;
class QCheckBox;
class QComboBox;
class QFormLayout;
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
    // What the form itself cannot turn into a profile ("prompts.batch_size": a half-typed list).
    QList<ValidationIssue> localIssues() const;
    // The active endpoint's API flavor: "Inputs per request" shows for openai-embeddings (and
    // for a list of sizes on another flavor, so its refusal can be read).
    void setFlavor(const QString& flavor);

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
    QLineEdit* m_batchSizes; // openai-embeddings: "8", or "1, 8, 32" to sweep (issue 14)
    QFormLayout* m_form;
    QList<int> m_lastBatchSizes = {1};
    FieldIssueLabel* m_general;
    bool m_loading = false;
};

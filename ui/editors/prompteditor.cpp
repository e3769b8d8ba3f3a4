#include "editors/prompteditor.h"

#include "editors/fieldissuelabel.h"
#include "editors/formhelpers.h"
#include "editors/levellistparser.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

PromptEditor::PromptEditor(QWidget* parent)
    : QWidget(parent) {
    auto* group = new QGroupBox(tr("Prompts"), this);
    auto* form = new QFormLayout(group);
    m_kind = new QComboBox(group);
    m_kind->setObjectName(u"promptKind"_s);
    m_kind->addItem(tr("Synthetic (random text of a set length)"),
                    int(PromptSource::Kind::Synthetic));
    m_kind->addItem(tr("JSONL file"), int(PromptSource::Kind::File));

    auto* fileRow = new QWidget(group);
    auto* fileLayout = new QHBoxLayout(fileRow);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    m_file = new QLineEdit(fileRow);
    m_file->setObjectName(u"promptFile"_s);
    m_file->setPlaceholderText(
        tr("one prompt per line: \"text\", {\"prompt\":…} or {\"messages\":[…]}"));
    m_browse = new QPushButton(tr("Browse…"), fileRow);
    fileLayout->addWidget(m_file, 1);
    fileLayout->addWidget(m_browse);

    m_inputTokens = new QSpinBox(group);
    m_inputTokens->setObjectName(u"inputTokens"_s);
    m_inputTokens->setRange(1, 1000000);
    m_inputTokens->setSuffix(tr(" tokens"));
    m_outputTokens = new QSpinBox(group);
    m_outputTokens->setObjectName(u"outputTokens"_s);
    m_outputTokens->setRange(1, 1000000);
    m_outputTokens->setSuffix(tr(" tokens"));
    m_outputTokens->setToolTip(tr("max_tokens of every request"));
    m_calibrate =
        new QCheckBox(tr("Calibrate the prompt length with the server's token count"), group);
    m_calibrate->setObjectName(u"calibrate"_s);
    m_batchSizes = new QLineEdit(group);
    m_batchSizes->setObjectName(u"batchSizes"_s);
    m_batchSizes->setPlaceholderText(tr("1, or 1, 8, 32 to sweep batch sizes"));
    m_batchSizes->setToolTip(
        tr("Inputs per embeddings request (1-2048). Several sizes make a grid with the "
           "levels: every level at the first size, then at the next, each size its own curve"));

    FormHelpers::addRow(form, tr("Source"), m_kind, &m_issues, u"kind"_s);
    FormHelpers::addRow(form, tr("File"), fileRow, &m_issues, u"file"_s);
    FormHelpers::addRow(form, tr("Input length"), m_inputTokens, &m_issues, u"inputTokens"_s);
    FormHelpers::addRow(form, tr("Output length"), m_outputTokens, &m_issues, u"outputTokens"_s);
    form->addRow(QString(), m_calibrate);
    FormHelpers::addRow(form, tr("Inputs per request"), m_batchSizes, &m_issues, u"batch_size"_s);
    m_form = form;
    form->setRowVisible(m_batchSizes->parentWidget(), false);

    m_general = new FieldIssueLabel(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(group);
    layout->addWidget(m_general);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &PromptEditor::emitChanged);
    connect(m_file, &QLineEdit::textChanged, this, &PromptEditor::emitChanged);
    connect(m_browse, &QPushButton::clicked, this, &PromptEditor::browse);
    connect(m_inputTokens, &QSpinBox::valueChanged, this, &PromptEditor::emitChanged);
    connect(m_outputTokens, &QSpinBox::valueChanged, this, &PromptEditor::emitChanged);
    connect(m_calibrate, &QCheckBox::toggled, this, &PromptEditor::emitChanged);
    connect(m_batchSizes, &QLineEdit::textChanged, this, [this](const QString& text) {
        QString error;
        const QList<int> sizes = LevelListParser::parseIntegers(text, &error);
        if (error.isEmpty() && !sizes.isEmpty())
            m_lastBatchSizes = sizes; // a half-typed list keeps the last good one
        emitChanged();
    });
    setSource(PromptSource{});
}

void PromptEditor::emitChanged() {
    const bool file = m_kind->currentData().toInt() == int(PromptSource::Kind::File);
    m_file->setEnabled(file);
    m_browse->setEnabled(file);
    m_inputTokens->setEnabled(!file);
    m_calibrate->setEnabled(!file);
    if (!m_loading)
        Q_EMIT changed();
}

void PromptEditor::browse() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Prompt file"), QFileInfo(m_file->text()).absolutePath(),
        tr("JSON lines (*.jsonl *.ndjson *.txt);;All files (*)"));
    if (!path.isEmpty())
        m_file->setText(path);
}

void PromptEditor::setSource(const PromptSource& s) {
    m_loading = true;
    m_kind->setCurrentIndex(m_kind->findData(int(s.kind)));
    m_file->setText(s.file);
    m_inputTokens->setValue(s.inputTokens);
    m_outputTokens->setValue(s.outputTokens);
    m_calibrate->setChecked(s.calibrate);
    m_lastBatchSizes = s.batchSizes;
    m_batchSizes->setText(LevelListParser::format(s.batchSizes));
    m_loading = false;
    emitChanged();
}

PromptSource PromptEditor::source() const {
    PromptSource s;
    s.kind = PromptSource::Kind(m_kind->currentData().toInt());
    s.file = m_file->text().trimmed();
    s.inputTokens = m_inputTokens->value();
    s.outputTokens = m_outputTokens->value();
    s.calibrate = m_calibrate->isChecked();
    s.batchSizes = m_lastBatchSizes;
    return s;
}

QList<ValidationIssue> PromptEditor::localIssues() const {
    QString error;
    LevelListParser::parseIntegers(m_batchSizes->text(), &error);
    if (m_batchSizes->text().trimmed().isEmpty())
        error = tr("needs at least one batch size, e.g. 8 (or 1, 8, 32 to sweep)");
    if (error.isEmpty())
        return {};
    return {{u"prompts.batch_size"_s, error}};
}

void PromptEditor::setFlavor(const QString& flavor) {
    // A list on another flavor stays in sight: the validator refuses it beside the field.
    m_form->setRowVisible(m_batchSizes->parentWidget(),
                          flavor == u"openai-embeddings"_s || m_lastBatchSizes.size() > 1);
}

QList<ValidationIssue> PromptEditor::showIssues(const QList<ValidationIssue>& issues) {
    const QList<ValidationIssue> rest = m_issues.apply(issues);
    QStringList general;
    for (const ValidationIssue& issue : rest)
        general << issue.field + u": "_s + issue.message;
    m_general->setIssue(general.join(u'\n'));
    return {};
}

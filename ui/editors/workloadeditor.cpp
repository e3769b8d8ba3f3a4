#include "editors/workloadeditor.h"

#include "editors/fieldissuelabel.h"
#include "editors/filepathedit.h"
#include "editors/formhelpers.h"
#include "editors/lengthdistributionedit.h"
#include "workload/datasetformat.h"
#include "workload/sharedprefixoptions.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QResizeEvent>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
using Kind = WorkloadSettings::Kind;

QString kindNote(Kind kind) {
    switch (kind) {
    case Kind::Synthetic:
        return WorkloadEditor::tr("Generated text of the lengths below; optionally with shared "
                                  "prefixes to exercise the server's prefix cache.");
    case Kind::Dataset:
        return WorkloadEditor::tr("Prompts from a file: ShareGPT JSON, OpenAI chat JSONL, JSONL "
                                  "with \"prompt\", or plain text (one prompt per line).");
    case Kind::Conversations:
        return WorkloadEditor::tr("Concurrency counts users; each sends a conversation turn after "
                                  "turn with the whole history (a dataset's conversations, or "
                                  "synthetic ones when no file is chosen).");
    case Kind::Trace:
        return WorkloadEditor::tr("Replays a timed JSONL trace open loop (Mooncake layout or "
                                  "messages); its one level replaces the sweep's levels.");
    }
    return {};
}

QSpinBox* intBox(const QString& name, int min, int max, QWidget* parent) {
    auto* box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(min, max);
    box->setGroupSeparatorShown(true);
    return box;
}

QDoubleSpinBox* realBox(const QString& name, double min, double max, int decimals,
                        QWidget* parent) {
    auto* box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setGroupSeparatorShown(true);
    return box;
}

QCheckBox* checkBox(const QString& name, const QString& text, QWidget* parent) {
    auto* box = new QCheckBox(text, parent);
    box->setObjectName(name);
    return box;
}
} // namespace

WorkloadEditor::WorkloadEditor(QWidget* parent)
    : QWidget(parent)
    , m_columns(new QHBoxLayout(this))
    , m_general(new FieldIssueLabel(this)) {
    auto* options = new QVBoxLayout;
    options->addWidget(buildKindGroup());
    options->addWidget(buildDatasetGroup());
    options->addWidget(buildLengthsGroup());
    options->addWidget(buildSharedPrefixGroup());
    options->addWidget(buildConversationsGroup());
    options->addWidget(buildTraceGroup());
    options->addWidget(m_general);
    options->addStretch();
    m_columns->setContentsMargins(0, 0, 0, 0);
    m_columns->addLayout(options, 1);
    connectFields();
    setSettings(WorkloadSettings{});
}

QGroupBox* WorkloadEditor::buildKindGroup() {
    auto* group = new QGroupBox(tr("Workload"), this);
    auto* layout = new QVBoxLayout(group);
    m_kind = new QComboBox(group);
    m_kind->setObjectName(u"workloadKind"_s);
    m_kind->addItem(tr("Synthetic prompts"), int(Kind::Synthetic));
    m_kind->addItem(tr("Dataset"), int(Kind::Dataset));
    m_kind->addItem(tr("Multi-turn conversations"), int(Kind::Conversations));
    m_kind->addItem(tr("Trace replay"), int(Kind::Trace));
    m_kindNote = new QLabel(group);
    m_kindNote->setWordWrap(true);
    m_kindNote->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_kind);
    layout->addWidget(m_kindNote);
    return group;
}

QGroupBox* WorkloadEditor::buildLengthsGroup() {
    m_lengthsGroup = new QGroupBox(tr("Lengths"), this);
    auto* form = new QFormLayout(m_lengthsGroup);
    m_input = new LengthDistributionEdit(u"input"_s, m_lengthsGroup);
    m_output = new LengthDistributionEdit(u"output"_s, m_lengthsGroup);
    m_input->setToolTip(tr("Prompt tokens of each request, drawn with the run's seed"));
    m_output->setToolTip(tr("max_tokens of each request, drawn with the run's seed"));
    form->addRow(tr("Input tokens"), m_input);
    form->addRow(tr("Output tokens"), m_output);
    m_inputLabel = qobject_cast<QLabel*>(form->labelForField(m_input));
    return m_lengthsGroup;
}

QGroupBox* WorkloadEditor::buildDatasetGroup() {
    m_datasetGroup = new QGroupBox(tr("Dataset"), this);
    auto* form = new QFormLayout(m_datasetGroup);
    m_datasetPath = new FilePathEdit(tr("Dataset file"),
                                     tr("Datasets (*.json *.jsonl *.ndjson *.txt);;All files (*)"),
                                     m_datasetGroup);
    m_datasetPath->lineEdit()->setObjectName(u"datasetPath"_s);
    m_datasetPath->setPlaceholderText(tr("ShareGPT .json, chat or prompt .jsonl, .txt"));
    m_datasetFormat = new QComboBox(m_datasetGroup);
    m_datasetFormat->setObjectName(u"datasetFormat"_s);
    for (const QString& name : WorkloadSettings::datasetFormatNames()) {
        DatasetFormat format = DatasetFormat::Auto;
        DatasetFormats::fromName(name, &format);
        m_datasetFormat->addItem(format == DatasetFormat::Auto
                                     ? tr("Detect from the content")
                                     : DatasetFormats::description(format),
                                 name);
    }
    m_sample = intBox(u"datasetSample"_s, 0, WorkloadSettings::kMaxSample, m_datasetGroup);
    m_sample->setSpecialValueText(tr("every usable entry"));
    m_sample->setSuffix(tr(" entries"));
    m_withReplacement = checkBox(u"withReplacement"_s,
                                 tr("Draw with replacement (duplicates "
                                    "possible)"),
                                 m_datasetGroup);
    m_shuffle = checkBox(u"datasetShuffle"_s, tr("Shuffle with the seed"), m_datasetGroup);
    m_minPromptWords =
        intBox(u"minPromptWords"_s, 0, LengthDistribution::kMaxLength, m_datasetGroup);
    m_maxPromptWords =
        intBox(u"maxPromptWords"_s, 0, LengthDistribution::kMaxLength, m_datasetGroup);
    m_minPromptWords->setSuffix(tr(" words"));
    m_maxPromptWords->setSuffix(tr(" words"));
    m_outputFromReference = checkBox(
        u"outputFromReference"_s,
        tr("Ask for as many tokens as the reference answer (else the output length below)"),
        m_datasetGroup);
    FormHelpers::addRow(form, tr("File"), m_datasetPath, &m_issues, u"dataset.path"_s);
    FormHelpers::addRow(form, tr("Format"), m_datasetFormat, &m_issues, u"dataset.format"_s);
    FormHelpers::addRow(form, tr("Sample"), m_sample, &m_issues, u"dataset.sample"_s);
    FormHelpers::addRow(form, QString(), m_withReplacement, &m_issues,
                        u"dataset.with_replacement"_s);
    form->addRow(QString(), m_shuffle);
    FormHelpers::addRow(form, tr("Prompts of at least"), m_minPromptWords, &m_issues,
                        u"dataset.min_prompt_words"_s);
    FormHelpers::addRow(form, tr("and at most"), m_maxPromptWords, &m_issues,
                        u"dataset.max_prompt_words"_s);
    form->addRow(m_outputFromReference);
    return m_datasetGroup;
}

QGroupBox* WorkloadEditor::buildSharedPrefixGroup() {
    m_sharedPrefixGroup = new QGroupBox(tr("Shared prefixes (prefix cache)"), this);
    m_sharedPrefixGroup->setObjectName(u"sharedPrefix"_s);
    m_sharedPrefixGroup->setCheckable(true);
    auto* form = new QFormLayout(m_sharedPrefixGroup);
    m_groups = intBox(u"prefixGroups"_s, 1, SharedPrefixOptions::kMaxGroups, m_sharedPrefixGroup);
    m_prefixTokens = intBox(u"prefixTokens"_s, LengthDistribution::kMinLength,
                            LengthDistribution::kMaxLength, m_sharedPrefixGroup);
    m_prefixTokens->setSuffix(tr(" tokens"));
    m_share = realBox(u"prefixShare"_s, 0.0, 100.0, 2, m_sharedPrefixGroup);
    m_share->setSuffix(tr(" % of requests"));
    FormHelpers::addRow(form, tr("Groups"), m_groups, &m_issues, u"shared_prefix.groups"_s);
    FormHelpers::addRow(form, tr("Prefix length"), m_prefixTokens, &m_issues,
                        u"shared_prefix.prefix_tokens"_s);
    FormHelpers::addRow(form, tr("Reuse a prefix"), m_share, &m_issues, u"shared_prefix.share"_s);
    form->addRow(FormHelpers::note(tr("Other requests get a prefix of the same length of their "
                                      "own, so runs with and without sharing compare."),
                                   m_sharedPrefixGroup));
    // The section's own issues ("go with synthetic prompts only").
    auto* sectionIssue = new FieldIssueLabel(m_sharedPrefixGroup);
    form->addRow(sectionIssue);
    m_issues.add(u"shared_prefix"_s, sectionIssue, tr("Shared prefixes"));
    return m_sharedPrefixGroup;
}

QGroupBox* WorkloadEditor::buildConversationsGroup() {
    m_conversationsGroup = new QGroupBox(tr("Conversations"), this);
    auto* form = new QFormLayout(m_conversationsGroup);
    m_turns = intBox(u"turns"_s, 1, WorkloadSettings::kMaxTurns, m_conversationsGroup);
    m_thinkTime =
        realBox(u"thinkTime"_s, 0.0, WorkloadSettings::kMaxThinkTimeMs, 0, m_conversationsGroup);
    m_thinkTime->setSuffix(tr(" ms"));
    m_thinkTime->setToolTip(tr("A user's pause between an answer and the next turn"));
    FormHelpers::addRow(form, tr("Turns per conversation"), m_turns, &m_issues,
                        u"conversations.turns"_s);
    m_thinkTimeExponential =
        checkBox(u"thinkTimeExponential"_s, tr("Exponential, with this mean (seeded)"),
                 m_conversationsGroup);
    FormHelpers::addRow(form, tr("Think time"), m_thinkTime, &m_issues,
                        u"conversations.think_time_ms"_s);
    form->addRow(QString(), m_thinkTimeExponential);
    return m_conversationsGroup;
}

QGroupBox* WorkloadEditor::buildTraceGroup() {
    m_traceGroup = new QGroupBox(tr("Trace"), this);
    auto* form = new QFormLayout(m_traceGroup);
    m_tracePath = new FilePathEdit(
        tr("Trace file"), tr("JSON lines (*.jsonl *.ndjson);;All files (*)"), m_traceGroup);
    m_tracePath->lineEdit()->setObjectName(u"tracePath"_s);
    m_tracePath->setPlaceholderText(tr("{\"timestamp\": ms, \"input_length\": …} per line"));
    m_traceSpeed = realBox(u"traceSpeed"_s, WorkloadSettings::kMinTraceSpeed,
                           WorkloadSettings::kMaxTraceSpeed, 2, m_traceGroup);
    m_traceSpeed->setSuffix(tr(" × recorded pace"));
    m_windowStart =
        realBox(u"traceWindowStart"_s, 0.0, WorkloadSettings::kMaxTraceTimeS, 1, m_traceGroup);
    m_windowStart->setSuffix(tr(" s"));
    m_windowEnd =
        realBox(u"traceWindowEnd"_s, -1.0, WorkloadSettings::kMaxTraceTimeS, 1, m_traceGroup);
    m_windowEnd->setSuffix(tr(" s"));
    m_windowEnd->setSpecialValueText(tr("the end"));
    FormHelpers::addRow(form, tr("File"), m_tracePath, &m_issues, u"trace.path"_s);
    FormHelpers::addRow(form, tr("Speed"), m_traceSpeed, &m_issues, u"trace.speed"_s);
    FormHelpers::addRow(form, tr("From"), m_windowStart, &m_issues, u"trace.window_start_s"_s);
    FormHelpers::addRow(form, tr("To"), m_windowEnd, &m_issues, u"trace.window_end_s"_s);
    return m_traceGroup;
}

void WorkloadEditor::connectFields() {
    const auto changed = &WorkloadEditor::emitChanged;
    connect(m_kind, &QComboBox::currentIndexChanged, this, changed);
    connect(m_input, &LengthDistributionEdit::changed, this, changed);
    connect(m_output, &LengthDistributionEdit::changed, this, changed);
    connect(m_datasetPath, &FilePathEdit::pathChanged, this, changed);
    connect(m_datasetFormat, &QComboBox::currentIndexChanged, this, changed);
    connect(m_tracePath, &FilePathEdit::pathChanged, this, changed);
    connect(m_sharedPrefixGroup, &QGroupBox::toggled, this, changed);
    for (QCheckBox* box :
         {m_withReplacement, m_shuffle, m_outputFromReference, m_thinkTimeExponential})
        connect(box, &QCheckBox::toggled, this, changed);
    for (QSpinBox* box :
         {m_sample, m_minPromptWords, m_maxPromptWords, m_groups, m_prefixTokens, m_turns})
        connect(box, &QSpinBox::valueChanged, this, changed);
    for (QDoubleSpinBox* box : {m_share, m_thinkTime, m_traceSpeed, m_windowStart, m_windowEnd})
        connect(box, &QDoubleSpinBox::valueChanged, this, changed);
}

void WorkloadEditor::setPreview(QWidget* preview) {
    preview->setParent(this);
    m_columns->addWidget(preview, 1);
}

void WorkloadEditor::resizeEvent(QResizeEvent* event) {
    // Side by side from about twice the options' own width (a widened or floating dock).
    const bool wide = event->size().width() >= fontMetrics().averageCharWidth() * 125;
    m_columns->setDirection(wide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    QWidget::resizeEvent(event);
}

void WorkloadEditor::setDefaultLengths(int inputTokens, int outputTokens) {
    m_input->setDefaultLength(inputTokens);
    m_output->setDefaultLength(outputTokens);
}

void WorkloadEditor::setSettings(const WorkloadSettings& w) {
    m_loading = true;
    m_base = w;
    m_kind->setCurrentIndex(m_kind->findData(int(w.kind)));
    m_input->setDistribution(w.input);
    m_output->setDistribution(w.output);
    m_datasetPath->setPath(w.dataset.path);
    const int format = m_datasetFormat->findData(w.dataset.format);
    m_datasetFormat->setCurrentIndex(format >= 0 ? format : 0);
    m_sample->setValue(w.dataset.sample);
    m_withReplacement->setChecked(w.dataset.withReplacement);
    m_shuffle->setChecked(w.dataset.shuffle);
    m_minPromptWords->setValue(w.dataset.minPromptWords);
    m_maxPromptWords->setValue(w.dataset.maxPromptWords);
    m_outputFromReference->setChecked(w.dataset.outputFromReference);
    m_sharedPrefixGroup->setChecked(w.sharedPrefix.enabled);
    m_groups->setValue(w.sharedPrefix.groups);
    m_prefixTokens->setValue(w.sharedPrefix.prefixTokens);
    m_share->setValue(w.sharedPrefix.share * 100.0);
    m_turns->setValue(w.conversations.turns);
    m_thinkTime->setValue(w.conversations.thinkTimeMs);
    m_thinkTimeExponential->setChecked(w.conversations.thinkTimeExponential);
    m_tracePath->setPath(w.trace.path);
    m_traceSpeed->setValue(w.trace.speed);
    m_windowStart->setValue(w.trace.windowStartS);
    m_windowEnd->setValue(w.trace.windowEndS < 0 ? -1.0 : w.trace.windowEndS);
    m_loading = false;
    emitChanged();
}

WorkloadSettings WorkloadEditor::settings() const {
    WorkloadSettings w = m_base;
    w.kind = Kind(m_kind->currentData().toInt());
    w.input = m_input->distribution();
    w.output = m_output->distribution();
    w.dataset.path = m_datasetPath->path();
    w.dataset.format = m_datasetFormat->currentData().toString();
    w.dataset.sample = m_sample->value();
    w.dataset.withReplacement = m_withReplacement->isChecked();
    w.dataset.shuffle = m_shuffle->isChecked();
    w.dataset.minPromptWords = m_minPromptWords->value();
    w.dataset.maxPromptWords = m_maxPromptWords->value();
    w.dataset.outputFromReference = m_outputFromReference->isChecked();
    w.sharedPrefix.enabled = m_sharedPrefixGroup->isChecked();
    w.sharedPrefix.groups = m_groups->value();
    w.sharedPrefix.prefixTokens = m_prefixTokens->value();
    w.sharedPrefix.share = m_share->value() / 100.0;
    w.conversations.turns = m_turns->value();
    w.conversations.thinkTimeMs = m_thinkTime->value();
    w.conversations.thinkTimeExponential = m_thinkTimeExponential->isChecked();
    w.trace.path = m_tracePath->path();
    w.trace.speed = m_traceSpeed->value();
    w.trace.windowStartS = m_windowStart->value();
    w.trace.windowEndS = m_windowEnd->value() < 0 ? -1.0 : m_windowEnd->value();
    return w;
}

QList<ValidationIssue> WorkloadEditor::localIssues() const {
    QList<ValidationIssue> issues;
    const WorkloadSettings w = settings();
    const bool readsDataset =
        w.kind == Kind::Dataset || (w.kind == Kind::Conversations && !w.dataset.path.isEmpty());
    if (readsDataset && w.dataset.withReplacement && w.dataset.sample == 0)
        issues.append({u"workload.dataset.with_replacement"_s,
                       tr("Drawing with replacement needs a sample size")});
    if (w.kind == Kind::Trace && w.trace.windowEndS >= 0 &&
        w.trace.windowEndS <= w.trace.windowStartS)
        issues.append(
            {u"workload.trace.window_end_s"_s, tr("The window must end after it starts")});
    return issues;
}

QList<ValidationIssue> WorkloadEditor::showIssues(const QList<ValidationIssue>& issues) {
    QList<ValidationIssue> rest;
    QStringList input;
    QStringList output;
    for (const ValidationIssue& issue : issues) {
        if (issue.field.startsWith(u"input"_s))
            input << IssueMap::sentence({}, issue.message);
        else if (issue.field.startsWith(u"output"_s))
            output << IssueMap::sentence({}, issue.message);
        else
            rest << issue;
    }
    m_input->showIssue(input.join(u'\n'));
    m_output->showIssue(output.join(u'\n'));
    QStringList general;
    for (const ValidationIssue& issue : m_issues.apply(rest))
        general << issue.field + u": "_s + issue.message;
    m_general->setIssue(general.join(u'\n'));
    return {};
}

void WorkloadEditor::updateVisibility() {
    const auto kind = Kind(m_kind->currentData().toInt());
    const bool dataset = kind == Kind::Dataset;
    const bool conversations = kind == Kind::Conversations;
    const bool syntheticTurns = conversations && m_datasetPath->path().isEmpty();
    m_kindNote->setText(kindNote(kind));
    m_datasetGroup->setVisible(dataset || conversations);
    m_datasetGroup->setTitle(conversations ? tr("Conversations from a dataset (optional)")
                                           : tr("Dataset"));
    // Left on with another kind it is an error: stay visible so it can be switched off.
    m_sharedPrefixGroup->setVisible(kind == Kind::Synthetic || m_sharedPrefixGroup->isChecked());
    m_conversationsGroup->setVisible(conversations);
    m_traceGroup->setVisible(kind == Kind::Trace);
    // Input lengths only where prompts are generated; output lengths wherever a request may
    // have none of its own (a dataset entry without an answer, a trace line without one).
    const bool generated = kind == Kind::Synthetic || syntheticTurns;
    m_input->setVisible(generated);
    if (m_inputLabel)
        m_inputLabel->setVisible(generated);
    m_outputFromReference->setEnabled(!syntheticTurns);
    m_withReplacement->setEnabled(m_sample->value() > 0 || m_withReplacement->isChecked());
    m_input->setDatasetPath(m_datasetPath->path());
    m_output->setDatasetPath(m_datasetPath->path());
}

void WorkloadEditor::emitChanged() {
    updateVisibility();
    if (!m_loading)
        Q_EMIT changed();
}

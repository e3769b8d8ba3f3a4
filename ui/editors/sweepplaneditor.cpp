#include "editors/sweepplaneditor.h"

#include "editors/fieldissuelabel.h"
#include "editors/formhelpers.h"
#include "editors/levellistparser.h"
#include "editors/untilstableeditor.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRadioButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int presetMaxima[] = {64, 128, 256, 512};
}

SweepPlanEditor::SweepPlanEditor(QWidget* parent)
    : QWidget(parent) {
    m_general = new FieldIssueLabel(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildLoad());
    layout->addWidget(buildLength());
    layout->addWidget(m_general);
    setPlan(SweepPlan{});
}

QWidget* SweepPlanEditor::buildLoad() {
    auto* group = new QGroupBox(tr("Load"), this);
    auto* layout = new QVBoxLayout(group);
    m_concurrencyMode = new QRadioButton(tr("&Concurrency levels (closed loop)"), group);
    m_concurrencyMode->setObjectName(u"modeConcurrency"_s);
    m_rateMode = new QRadioButton(tr("Request &rates (open loop)"), group);
    m_rateMode->setObjectName(u"modeRate"_s);
    auto* modes = new QButtonGroup(group);
    modes->addButton(m_concurrencyMode);
    modes->addButton(m_rateMode);
    auto* modeRow = new QHBoxLayout;
    modeRow->addWidget(m_concurrencyMode);
    modeRow->addWidget(m_rateMode);
    modeRow->addStretch();
    layout->addLayout(modeRow);

    m_modeStack = new QStackedWidget(group);
    // Concurrency page.
    auto* concurrencyPage = new QWidget(m_modeStack);
    auto* cform = new QFormLayout(concurrencyPage);
    cform->setContentsMargins(0, 0, 0, 0);
    m_concurrencies = new QLineEdit(concurrencyPage);
    m_concurrencies->setObjectName(u"concurrencies"_s);
    m_concurrencies->setPlaceholderText(tr("1, 2, 4, 8, 16"));
    m_concurrencies->setToolTip(tr("Parallel requests per level, run in this order"));
    m_preset = new QComboBox(concurrencyPage);
    m_preset->setObjectName(u"concurrencyPreset"_s);
    m_preset->addItem(tr("Custom"));
    for (int max : presetMaxima)
        m_preset->addItem(tr("Powers of two up to %1").arg(max), max);
    FormHelpers::addRow(cform, tr("Levels"), m_concurrencies, &m_issues, u"concurrencies"_s);
    cform->addRow(tr("Preset"), m_preset);
    m_modeStack->addWidget(concurrencyPage);

    // Rate page.
    auto* ratePage = new QWidget(m_modeStack);
    auto* rform = new QFormLayout(ratePage);
    rform->setContentsMargins(0, 0, 0, 0);
    m_rates = new QLineEdit(ratePage);
    m_rates->setObjectName(u"rates"_s);
    m_rates->setPlaceholderText(tr("1, 2, 5, 10 (requests per second)"));
    m_arrival = new QComboBox(ratePage);
    m_arrival->setObjectName(u"arrival"_s);
    m_arrival->addItem(tr("Poisson (random arrivals)"), int(SweepPlan::Arrival::Poisson));
    m_arrival->addItem(tr("Gamma (bursty arrivals)"), int(SweepPlan::Arrival::Gamma));
    m_burstiness = new QDoubleSpinBox(ratePage);
    m_burstiness->setObjectName(u"burstiness"_s);
    m_burstiness->setRange(0.01, 100.0);
    m_burstiness->setDecimals(2);
    m_burstiness->setSingleStep(0.1);
    m_burstiness->setToolTip(
        tr("Gamma shape: 1 = Poisson, below 1 = burstier, above 1 = steadier"));
    m_maxConcurrency = new QSpinBox(ratePage);
    m_maxConcurrency->setObjectName(u"maxConcurrency"_s);
    m_maxConcurrency->setRange(0, 100000);
    m_maxConcurrency->setSpecialValueText(tr("unlimited"));
    FormHelpers::addRow(rform, tr("Rates (req/s)"), m_rates, &m_issues, u"rates"_s);
    FormHelpers::addRow(rform, tr("Arrivals"), m_arrival, &m_issues, u"arrival"_s);
    FormHelpers::addRow(rform, tr("Burstiness"), m_burstiness, &m_issues, u"burstiness"_s);
    FormHelpers::addRow(rform, tr("In-flight cap"), m_maxConcurrency, &m_issues,
                        u"maxConcurrency"_s);
    m_modeStack->addWidget(ratePage);
    layout->addWidget(m_modeStack);

    // A/B (issue 13): a second endpoint measured level by level with this one. Empty: off.
    auto* abForm = new QFormLayout;
    m_interleaveWith = new QLineEdit(group);
    m_interleaveWith->setObjectName(u"interleaveWith"_s);
    m_interleaveWith->setMaxLength(SweepPlan::kMaxInterleaveLength);
    m_interleaveWith->setPlaceholderText(
        tr("off (an endpoint URL, sim:PRESET or a saved endpoint)"));
    m_interleaveWith->setToolTip(
        tr("Measure a second endpoint level by level with this one (A B, then B A at the next "
           "level), so drift hits both alike; both runs are kept and compared when the sweep "
           "ends. An http(s) URL (same API, model and key as this endpoint), sim:PRESET, or the "
           "name of another endpoint saved in this profile"));
    FormHelpers::addRow(abForm, tr("Interleave with"), m_interleaveWith, &m_issues,
                        u"interleave_with"_s);
    layout->addLayout(abForm);
    connect(m_interleaveWith, &QLineEdit::textChanged, this, &SweepPlanEditor::emitChanged);

    connect(m_concurrencyMode, &QRadioButton::toggled, this, &SweepPlanEditor::emitChanged);
    connect(m_concurrencies, &QLineEdit::textEdited, this, [this] {
        const QSignalBlocker blocker(m_preset);
        m_preset->setCurrentIndex(0); // typed by hand: no longer a preset
    });
    connect(m_concurrencies, &QLineEdit::textChanged, this, [this](const QString& text) {
        QString error;
        const QList<int> levels = LevelListParser::parseIntegers(text, &error);
        if (error.isEmpty())
            m_lastConcurrencies = levels;
        emitChanged();
    });
    connect(m_preset, &QComboBox::activated, this, &SweepPlanEditor::applyPreset);
    connect(m_rates, &QLineEdit::textChanged, this, [this](const QString& text) {
        QString error;
        const QList<double> rates = LevelListParser::parseNumbers(text, &error);
        if (error.isEmpty())
            m_lastRates = rates;
        emitChanged();
    });
    connect(m_arrival, &QComboBox::currentIndexChanged, this, &SweepPlanEditor::emitChanged);
    connect(m_burstiness, &QDoubleSpinBox::valueChanged, this, &SweepPlanEditor::emitChanged);
    connect(m_maxConcurrency, &QSpinBox::valueChanged, this, &SweepPlanEditor::emitChanged);
    return group;
}

QWidget* SweepPlanEditor::buildLength() {
    auto* group = new QGroupBox(tr("Each level"), this);
    auto* form = new QFormLayout(group);
    auto* row = new QWidget(group);
    auto* rowLayout = new QHBoxLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    m_lengthKind = new QComboBox(row);
    m_lengthKind->setObjectName(u"levelLength"_s);
    m_lengthKind->addItem(tr("runs for"));
    m_lengthKind->addItem(tr("sends"));
    m_lengthKind->addItem(tr("runs until stable"));
    m_lengthKind->setToolTip(tr("Until stable: each level ends once its throughput and latency "
                                "are known to the precision below (95% intervals)"));
    m_duration = new QDoubleSpinBox(row);
    m_duration->setObjectName(u"durationPerLevelS"_s);
    m_duration->setRange(0.1, 86400.0);
    m_duration->setDecimals(1);
    m_duration->setSuffix(tr(" s"));
    m_requests = new QSpinBox(row);
    m_requests->setObjectName(u"requestsPerLevel"_s);
    m_requests->setRange(0, 10000000);
    m_requests->setSuffix(tr(" requests"));
    rowLayout->addWidget(m_lengthKind);
    rowLayout->addWidget(m_duration, 1);
    rowLayout->addWidget(m_requests, 1);
    FieldIssueLabel* lengthIssue =
        FormHelpers::addRow(form, tr("Length"), row, &m_issues, u"durationPerLevelS"_s);
    m_issues.add(u"requestsPerLevel"_s, lengthIssue);
    m_untilStable = new UntilStableEditor(group);
    m_untilStable->setObjectName(u"untilStable"_s);
    FormHelpers::addRow(form, tr("Until stable"), m_untilStable, &m_issues, u"untilStable"_s);
    m_lengthForm = form;

    m_warmup = new QSpinBox(group);
    m_warmup->setObjectName(u"warmupRequests"_s);
    m_warmup->setRange(0, 100000);
    m_warmup->setSuffix(tr(" requests"));
    m_warmup->setToolTip(tr("Sent first at each level and left out of the statistics"));
    FormHelpers::addRow(form, tr("Warm-up"), m_warmup, &m_issues, u"warmupRequests"_s);

    m_seed = new QLineEdit(group);
    m_seed->setObjectName(u"seed"_s);
    m_seed->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"\\d{1,20}"_s), m_seed));
    m_seed->setToolTip(
        tr("Seeds prompts and arrival times, so runs can be repeated exactly. 0: a fresh "
           "seed each run (a server's prefix cache never sees the same prompts twice); "
           "the seed used is saved with the results"));
    FormHelpers::addRow(form, tr("Random seed"), m_seed, &m_issues, u"seed"_s);

    connect(m_lengthKind, &QComboBox::currentIndexChanged, this, &SweepPlanEditor::emitChanged);
    connect(m_duration, &QDoubleSpinBox::valueChanged, this, &SweepPlanEditor::emitChanged);
    connect(m_requests, &QSpinBox::valueChanged, this, &SweepPlanEditor::emitChanged);
    connect(m_untilStable, &UntilStableEditor::changed, this, &SweepPlanEditor::emitChanged);
    connect(m_warmup, &QSpinBox::valueChanged, this, &SweepPlanEditor::emitChanged);
    connect(m_seed, &QLineEdit::textChanged, this, &SweepPlanEditor::emitChanged);
    return group;
}

void SweepPlanEditor::emitChanged() {
    updateDependentWidgets();
    if (!m_loading)
        Q_EMIT changed();
}

void SweepPlanEditor::applyPreset(int index) {
    const int max = m_preset->itemData(index).toInt();
    if (max > 0)
        m_concurrencies->setText(LevelListParser::format(LevelListParser::powersOfTwo(max)));
}

void SweepPlanEditor::setPlan(const SweepPlan& plan) {
    m_loading = true;
    (plan.mode == SweepPlan::Mode::Rate ? m_rateMode : m_concurrencyMode)->setChecked(true);
    m_lastConcurrencies = plan.concurrencies;
    m_lastRates = plan.rates;
    m_concurrencies->setText(LevelListParser::format(plan.concurrencies));
    int preset = 0;
    for (int i = 1; i < m_preset->count(); ++i)
        if (LevelListParser::powersOfTwo(m_preset->itemData(i).toInt()) == plan.concurrencies)
            preset = i;
    m_preset->setCurrentIndex(preset);
    m_rates->setText(LevelListParser::format(plan.rates));
    m_arrival->setCurrentIndex(m_arrival->findData(int(plan.arrival)));
    m_burstiness->setValue(plan.burstiness);
    m_maxConcurrency->setValue(plan.maxConcurrency);
    m_lengthKind->setCurrentIndex(plan.untilStable.enabled     ? 2
                                  : plan.durationPerLevelS > 0 ? 0
                                                               : 1);
    m_untilStable->setSettings(plan.untilStable);
    if (plan.durationPerLevelS > 0)
        m_duration->setValue(plan.durationPerLevelS);
    m_requests->setValue(plan.requestsPerLevel);
    m_warmup->setValue(plan.warmupRequests);
    m_seed->setText(QString::number(plan.seed));
    m_interleaveWith->setText(plan.interleaveWith);
    m_loading = false;
    updateDependentWidgets();
}

SweepPlan SweepPlanEditor::plan(const SweepPlan& base) const {
    SweepPlan p = base;
    p.mode = m_rateMode->isChecked() ? SweepPlan::Mode::Rate : SweepPlan::Mode::Concurrency;
    QString error;
    // A half-typed list keeps the last good one in the profile; localIssues() flags it.
    const QList<int> levels = LevelListParser::parseIntegers(m_concurrencies->text(), &error);
    p.concurrencies = error.isEmpty() ? levels : m_lastConcurrencies;
    const QList<double> rates = LevelListParser::parseNumbers(m_rates->text(), &error);
    p.rates = error.isEmpty() || m_rates->text().trimmed().isEmpty() ? rates : m_lastRates;
    p.arrival = SweepPlan::Arrival(m_arrival->currentData().toInt());
    p.burstiness = m_burstiness->value();
    p.maxConcurrency = m_maxConcurrency->value();
    // "Until stable" keeps the duration field's value for when the user switches back.
    p.durationPerLevelS = m_lengthKind->currentIndex() != 1 ? m_duration->value() : 0.0;
    p.untilStable = m_untilStable->settings();
    p.untilStable.enabled = m_lengthKind->currentIndex() == 2;
    p.requestsPerLevel = m_requests->value();
    p.warmupRequests = m_warmup->value();
    p.seed = m_seed->text().toULongLong();
    p.interleaveWith = m_interleaveWith->text().trimmed();
    return p;
}

QList<ValidationIssue> SweepPlanEditor::localIssues() const {
    QList<ValidationIssue> issues;
    QString error;
    if (m_concurrencyMode->isChecked()) {
        LevelListParser::parseIntegers(m_concurrencies->text(), &error);
        if (!error.isEmpty())
            issues.append({u"plan.concurrencies"_s, error});
    } else {
        LevelListParser::parseNumbers(m_rates->text(), &error);
        if (!error.isEmpty())
            issues.append({u"plan.rates"_s, error});
    }
    if (m_seed->text().isEmpty())
        issues.append({u"plan.seed"_s, tr("is empty; enter any whole number")});
    return issues;
}

QList<ValidationIssue> SweepPlanEditor::showIssues(const QList<ValidationIssue>& issues) {
    const QList<ValidationIssue> rest = m_issues.apply(issues);
    QStringList general;
    for (const ValidationIssue& issue : rest)
        general << issue.field + u": "_s + issue.message;
    m_general->setIssue(general.join(u'\n'));
    return {};
}

void SweepPlanEditor::updateDependentWidgets() {
    m_modeStack->setCurrentIndex(m_rateMode->isChecked() ? 1 : 0);
    m_burstiness->setEnabled(m_arrival->currentData().toInt() == int(SweepPlan::Arrival::Gamma));
    const int length = m_lengthKind->currentIndex();
    m_duration->setVisible(length == 0);
    m_requests->setVisible(length == 1);
    m_lengthForm->setRowVisible(m_untilStable->parentWidget(), length == 2);
}

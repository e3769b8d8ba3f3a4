#include "editors/budgeteditor.h"

#include "editors/fieldissuelabel.h"
#include "editors/formhelpers.h"
#include "profile/latencymetric.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
enum Column { MetricColumn, StatColumn, MaxColumn, RemoveColumn };

// The limitable metrics (LatencyNames::budgetMetrics) as (key, label) for the combo box.
const QList<QPair<QString, QString>>& metrics() {
    static const QList<QPair<QString, QString>> list = [] {
        QList<QPair<QString, QString>> pairs;
        for (const LatencyMetric metric : LatencyNames::budgetMetrics()) {
            QString label = LatencyNames::displayName(metric);
            if (metric == LatencyMetric::E2e)
                label = QObject::tr("End-to-end");
            else if (metric == LatencyMetric::Itl)
                label = QObject::tr("Inter-token");
            pairs.append({LatencyNames::key(metric), label});
        }
        return pairs;
    }();
    return list;
}

const QStringList& stats() {
    static const QStringList list = LatencyNames::keys(LatencyNames::budgetStats());
    return list;
}
} // namespace

BudgetEditor::BudgetEditor(QWidget* parent)
    : QWidget(parent) {
    auto* budgetGroup = new QGroupBox(tr("Latency budget"), this);
    auto* budgetLayout = new QVBoxLayout(budgetGroup);
    budgetLayout->addWidget(FormHelpers::note(
        tr("Every limit must hold. The charts draw the budget and mark the level with the most "
           "throughput inside it."),
        budgetGroup));
    m_table = new QTableWidget(0, 4, budgetGroup);
    m_table->setObjectName(u"budgetTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Metric"), tr("Statistic"), tr("At most"), QString()});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(RemoveColumn, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setMinimumHeight(fontMetrics().height() * 7);
    m_table->setMaximumHeight(fontMetrics().height() * 11);
    budgetLayout->addWidget(m_table);
    m_limitsIssue = new FieldIssueLabel(budgetGroup);
    budgetLayout->addWidget(m_limitsIssue);
    auto* add = new QPushButton(tr("Add limit"), budgetGroup);
    add->setObjectName(u"addLimit"_s);
    auto* addRow = new QHBoxLayout;
    addRow->addWidget(add);
    addRow->addStretch();
    budgetLayout->addLayout(addRow);
    connect(add, &QPushButton::clicked, this, [this] { addLimit(); });
    budgetLayout->addWidget(buildRefine(budgetGroup));

    auto* stopGroup = new QGroupBox(tr("Stop the sweep early"), this);
    auto* form = new QFormLayout(stopGroup);
    m_stopAtPlateau = new QCheckBox(tr("At the plateau: throughput gained less than"), stopGroup);
    m_stopAtPlateau->setObjectName(u"stopAtPlateau"_s);
    m_plateauGain = new QDoubleSpinBox(stopGroup);
    m_plateauGain->setObjectName(u"plateauGainThreshold"_s);
    m_plateauGain->setRange(0.1, 100.0);
    m_plateauGain->setDecimals(1);
    m_plateauGain->setSuffix(tr(" % for ≥1.5× the load"));
    m_stopOnBudget = new QCheckBox(tr("When a level exceeds the latency budget"), stopGroup);
    m_stopOnBudget->setObjectName(u"stopWhenBudgetExceeded"_s);
    m_stopOnErrors = new QCheckBox(tr("When a level's error rate exceeds"), stopGroup);
    m_stopOnErrors->setObjectName(u"stopOnErrors"_s);
    m_maxErrorRate = new QDoubleSpinBox(stopGroup);
    m_maxErrorRate->setObjectName(u"maxErrorRate"_s);
    m_maxErrorRate->setRange(0.0, 99.9);
    m_maxErrorRate->setDecimals(1);
    m_maxErrorRate->setSuffix(tr(" % of its requests"));
    m_planIssues.add(u"plateauGainThreshold"_s,
                     FormHelpers::addRow(form, QString(), m_plateauGain, nullptr, {}));
    form->insertRow(0, m_stopAtPlateau);
    form->addRow(m_stopOnBudget);
    form->addRow(m_stopOnErrors);
    m_planIssues.add(u"maxErrorRate"_s,
                     FormHelpers::addRow(form, QString(), m_maxErrorRate, nullptr, {}));

    m_general = new FieldIssueLabel(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(budgetGroup);
    layout->addWidget(stopGroup);
    layout->addWidget(m_general);

    connect(m_stopAtPlateau, &QCheckBox::toggled, this, &BudgetEditor::emitChanged);
    connect(m_plateauGain, &QDoubleSpinBox::valueChanged, this, &BudgetEditor::emitChanged);
    connect(m_stopOnBudget, &QCheckBox::toggled, this, &BudgetEditor::emitChanged);
    connect(m_stopOnErrors, &QCheckBox::toggled, this, &BudgetEditor::emitChanged);
    connect(m_maxErrorRate, &QDoubleSpinBox::valueChanged, this, &BudgetEditor::emitChanged);
}

// Refine (issue 13): after the plan, bisect for the largest load within the budget.
QWidget* BudgetEditor::buildRefine(QWidget* parent) {
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_refine =
        new QCheckBox(tr("Then refine: find the largest load within the budget, with up to"), row);
    m_refine->setObjectName(u"refine"_s);
    m_refine->setToolTip(tr("After the plan's levels, measure halfway between the heaviest level "
                            "that met the budget and the lightest that broke it, until they are "
                            "one concurrency (or 5% of rate) apart"));
    m_refineLevels = new QSpinBox(row);
    m_refineLevels->setObjectName(u"refineLevels"_s);
    m_refineLevels->setRange(1, 20);
    m_refineLevels->setSuffix(tr(" extra levels"));
    layout->addWidget(m_refine);
    layout->addWidget(m_refineLevels);
    layout->addStretch();
    connect(m_refine, &QCheckBox::toggled, this, &BudgetEditor::emitChanged);
    connect(m_refineLevels, &QSpinBox::valueChanged, this, &BudgetEditor::emitChanged);
    return row;
}

void BudgetEditor::emitChanged() {
    m_refineLevels->setEnabled(m_refine->isChecked());
    m_plateauGain->setEnabled(m_stopAtPlateau->isChecked());
    m_maxErrorRate->setEnabled(m_stopOnErrors->isChecked());
    if (!m_loading)
        Q_EMIT changed();
}

void BudgetEditor::addLimit(const LatencyLimit& limit) {
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* metric = new QComboBox(m_table);
    for (const auto& [id, name] : metrics())
        metric->addItem(name, id);
    // The combo boxes hold the keys; a metric or stat no budget offers (set in code) is shown
    // as it is, for the validator's message next to it.
    const QString metricKey = LatencyNames::key(limit.metric);
    if (metric->findData(metricKey) < 0)
        metric->addItem(metricKey, metricKey);
    metric->setCurrentIndex(metric->findData(metricKey));
    auto* stat = new QComboBox(m_table);
    for (const QString& s : stats())
        stat->addItem(s, s);
    const QString statKey = LatencyNames::key(limit.stat);
    if (stat->findData(statKey) < 0)
        stat->addItem(statKey, statKey);
    stat->setCurrentIndex(stat->findData(statKey));
    auto* max = new QDoubleSpinBox(m_table);
    max->setRange(0.0, 1e9);
    max->setDecimals(1);
    max->setSuffix(tr(" ms"));
    max->setValue(limit.maxMs);
    auto* remove = new QToolButton(m_table);
    remove->setText(tr("Remove"));
    remove->setAutoRaise(true);
    m_table->setCellWidget(row, MetricColumn, metric);
    m_table->setCellWidget(row, StatColumn, stat);
    m_table->setCellWidget(row, MaxColumn, max);
    m_table->setCellWidget(row, RemoveColumn, remove);
    connect(metric, &QComboBox::currentIndexChanged, this, &BudgetEditor::emitChanged);
    connect(stat, &QComboBox::currentIndexChanged, this, &BudgetEditor::emitChanged);
    connect(max, &QDoubleSpinBox::valueChanged, this, &BudgetEditor::emitChanged);
    connect(remove, &QToolButton::clicked, this, [this, remove] { removeRow(remove); });
    emitChanged();
}

void BudgetEditor::removeRow(QWidget* rowWidget) {
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->cellWidget(row, RemoveColumn) == rowWidget) {
            m_table->removeRow(row);
            emitChanged();
            return;
        }
    }
}

void BudgetEditor::setBudget(const LatencyBudget& budget, const SweepPlan& plan) {
    m_loading = true;
    m_table->setRowCount(0);
    for (const LatencyLimit& limit : budget.limits)
        addLimit(limit);
    m_stopAtPlateau->setChecked(plan.stopAtPlateau);
    m_plateauGain->setValue(plan.plateauGainThreshold * 100.0);
    m_stopOnBudget->setChecked(plan.stopWhenBudgetExceeded);
    m_refine->setChecked(plan.refine.enabled);
    m_refineLevels->setValue(plan.refine.maxLevels);
    // An error-rate limit of 100 % (or more) can never trigger: that is "off".
    m_stopOnErrors->setChecked(plan.maxErrorRate < 1.0);
    if (plan.maxErrorRate < 1.0)
        m_maxErrorRate->setValue(plan.maxErrorRate * 100.0);
    m_loading = false;
    emitChanged();
}

LatencyBudget BudgetEditor::budget() const {
    LatencyBudget budget;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString metric = qobject_cast<QComboBox*>(m_table->cellWidget(row, MetricColumn))
                                   ->currentData()
                                   .toString();
        const QString stat = qobject_cast<QComboBox*>(m_table->cellWidget(row, StatColumn))
                                 ->currentData()
                                 .toString();
        LatencyLimit limit; // the combo boxes hold only keys LatencyNames maps
        limit.metric = LatencyNames::metricFromKey(metric).value_or(limit.metric);
        limit.stat = LatencyNames::statFromKey(stat).value_or(limit.stat);
        limit.maxMs = qobject_cast<QDoubleSpinBox*>(m_table->cellWidget(row, MaxColumn))->value();
        budget.limits.append(limit);
    }
    return budget;
}

void BudgetEditor::applyStopRules(SweepPlan* plan) const {
    plan->stopAtPlateau = m_stopAtPlateau->isChecked();
    plan->plateauGainThreshold = m_plateauGain->value() / 100.0;
    plan->stopWhenBudgetExceeded = m_stopOnBudget->isChecked();
    plan->refine = {m_refine->isChecked(), m_refineLevels->value()};
    plan->maxErrorRate = m_stopOnErrors->isChecked() ? m_maxErrorRate->value() / 100.0 : 1.0;
}

QList<ValidationIssue> BudgetEditor::showIssues(const QList<ValidationIssue>& budgetIssues,
                                                const QList<ValidationIssue>& planIssues) {
    static const QRegularExpression row(u"^limits\\[(\\d+)\\]"_s);
    QStringList limitMessages;
    for (const ValidationIssue& issue : budgetIssues) {
        const auto match = row.match(issue.field);
        limitMessages
            << (match.hasMatch()
                    ? tr("Row %1: %2").arg(match.captured(1).toInt() + 1).arg(issue.message)
                    : issue.message);
    }
    m_limitsIssue->setIssue(limitMessages.join(u'\n'));
    // Stop-rule fields only; the sweep editor shows the rest of "plan.".
    const QList<ValidationIssue> rest = m_planIssues.apply(planIssues);
    return rest;
}

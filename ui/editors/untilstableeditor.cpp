#include "editors/untilstableeditor.h"

#include "profile/untilstablejson.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>

using namespace Qt::StringLiterals;

UntilStableEditor::UntilStableEditor(QWidget* parent)
    : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_throughput = percentSpin(u"stableThroughputHalfWidth"_s);
    m_throughput->setToolTip(tr("The level may end once the 95% interval of its throughput is "
                                "within this share of the figure (batch means)"));
    form->addRow(tr("Throughput within ±"), m_throughput);

    auto* latencyRow = new QWidget(this);
    auto* latencyLayout = new QHBoxLayout(latencyRow);
    latencyLayout->setContentsMargins(0, 0, 0, 0);
    m_metric = new QComboBox(latencyRow);
    m_metric->setObjectName(u"stableMetric"_s);
    for (const LatencyMetric metric : UntilStableJson::metrics())
        m_metric->addItem(LatencyNames::displayName(metric), LatencyNames::key(metric));
    m_stat = new QComboBox(latencyRow);
    m_stat->setObjectName(u"stableStat"_s);
    for (const QString& stat : LatencyNames::keys(UntilStableJson::stats()))
        m_stat->addItem(stat, stat);
    m_latency = percentSpin(u"stableLatencyHalfWidth"_s);
    m_latency->setToolTip(tr("…and the 95% interval of this latency percentile within this "
                             "share (order statistics)"));
    latencyLayout->addWidget(m_metric);
    latencyLayout->addWidget(m_stat);
    latencyLayout->addWidget(new QLabel(tr("within ±"), latencyRow));
    latencyLayout->addWidget(m_latency, 1);
    form->addRow(tr("Latency"), latencyRow);

    auto* timeRow = new QWidget(this);
    auto* timeLayout = new QHBoxLayout(timeRow);
    timeLayout->setContentsMargins(0, 0, 0, 0);
    m_minSeconds = secondsSpin(u"stableMinSeconds"_s);
    m_maxSeconds = secondsSpin(u"stableMaxSeconds"_s);
    timeLayout->addWidget(new QLabel(tr("at least"), timeRow));
    timeLayout->addWidget(m_minSeconds, 1);
    timeLayout->addWidget(new QLabel(tr("at most"), timeRow));
    timeLayout->addWidget(m_maxSeconds, 1);
    form->addRow(tr("Level lasts"), timeRow);

    for (QDoubleSpinBox* spin : {m_throughput, m_latency, m_minSeconds, m_maxSeconds})
        connect(spin, &QDoubleSpinBox::valueChanged, this, &UntilStableEditor::changed);
    for (QComboBox* combo : {m_metric, m_stat})
        connect(combo, &QComboBox::currentIndexChanged, this, &UntilStableEditor::changed);
    setSettings({});
}

QDoubleSpinBox* UntilStableEditor::percentSpin(const QString& objectName) {
    auto* spin = new QDoubleSpinBox(this);
    spin->setObjectName(objectName);
    spin->setRange(UntilStableJson::kMinHalfWidth * 100.0, UntilStableJson::kMaxHalfWidth * 100.0);
    spin->setDecimals(1);
    spin->setSingleStep(0.5);
    spin->setSuffix(u" %"_s);
    return spin;
}

QDoubleSpinBox* UntilStableEditor::secondsSpin(const QString& objectName) {
    auto* spin = new QDoubleSpinBox(this);
    spin->setObjectName(objectName);
    spin->setRange(UntilStableJson::kMinSeconds, UntilStableJson::kMaxSeconds);
    spin->setDecimals(0);
    spin->setSuffix(tr(" s"));
    return spin;
}

void UntilStableEditor::setSettings(const SweepPlan::UntilStable& s) {
    const QSignalBlocker blockers[] = {QSignalBlocker(m_throughput), QSignalBlocker(m_latency),
                                       QSignalBlocker(m_metric),     QSignalBlocker(m_stat),
                                       QSignalBlocker(m_minSeconds), QSignalBlocker(m_maxSeconds)};
    m_throughput->setValue(s.throughputHalfWidth * 100.0);
    m_latency->setValue(s.latencyHalfWidth * 100.0);
    m_metric->setCurrentIndex(std::max(0, m_metric->findData(LatencyNames::key(s.metric))));
    m_stat->setCurrentIndex(std::max(0, m_stat->findData(LatencyNames::key(s.stat))));
    m_minSeconds->setValue(s.minSeconds);
    m_maxSeconds->setValue(s.maxSeconds);
}

SweepPlan::UntilStable UntilStableEditor::settings() const {
    SweepPlan::UntilStable s;
    s.throughputHalfWidth = m_throughput->value() / 100.0;
    s.latencyHalfWidth = m_latency->value() / 100.0;
    // The combo boxes hold the keys of UntilStableJson's lists.
    s.metric = LatencyNames::metricFromKey(m_metric->currentData().toString()).value_or(s.metric);
    s.stat = LatencyNames::statFromKey(m_stat->currentData().toString()).value_or(s.stat);
    s.minSeconds = m_minSeconds->value();
    s.maxSeconds = m_maxSeconds->value();
    return s;
}

#include "editors/lengthdistributionedit.h"

#include "editors/fieldissuelabel.h"
#include "editors/filepathedit.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
using Kind = LengthDistribution::Kind;
constexpr int kUnset = -1; // the combo's data for "as on the Sweep tab"
} // namespace

LengthDistributionEdit::LengthDistributionEdit(const QString& name, QWidget* parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_form(new QFormLayout)
    , m_value(lengthBox(name + QStringLiteral("Value")))
    , m_min(lengthBox(name + QStringLiteral("Min")))
    , m_max(lengthBox(name + QStringLiteral("Max")))
    , m_mean(realBox(name + QStringLiteral("Mean"), LengthDistribution::kMaxLength, 1))
    , m_sd(realBox(name + QStringLiteral("Sd"), LengthDistribution::kMaxLength, 1))
    , m_median(realBox(name + QStringLiteral("Median"), LengthDistribution::kMaxLength, 1))
    , m_sigma(realBox(name + QStringLiteral("Sigma"), LengthDistribution::kMaxSigma, 3))
    , m_file(new FilePathEdit(tr("Dataset file"),
                              tr("Datasets (*.json *.jsonl *.ndjson *.txt);;All files (*)"), this))
    , m_issue(new FieldIssueLabel(this)) {
    m_kind->setObjectName(name + QStringLiteral("Kind"));
    m_file->lineEdit()->setObjectName(name + QStringLiteral("File"));
    m_file->setPlaceholderText(tr("a dataset whose lengths to draw from"));
    m_kind->addItem(QString(), kUnset);
    m_kind->addItem(tr("Fixed"), int(Kind::Fixed));
    m_kind->addItem(tr("Uniform [min, max]"), int(Kind::Uniform));
    m_kind->addItem(tr("Normal (mean, sd)"), int(Kind::Normal));
    m_kind->addItem(tr("Log-normal (median, sigma)"), int(Kind::LogNormal));
    m_kind->addItem(tr("From a dataset's lengths"), int(Kind::Empirical));
    m_sd->setMinimum(0.0);
    m_sigma->setMinimum(0.0);
    m_sigma->setToolTip(tr("The spread of the underlying normal: 0.5 puts two thirds of the "
                           "lengths within ×0.6 … ×1.65 of the median"));

    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->addRow(tr("Length"), m_value);
    m_form->addRow(tr("Mean"), m_mean);
    m_form->addRow(tr("Standard deviation"), m_sd);
    m_form->addRow(tr("Median"), m_median);
    m_form->addRow(tr("Sigma"), m_sigma);
    m_form->addRow(tr("At least"), m_min);
    m_form->addRow(tr("At most"), m_max);
    m_form->addRow(tr("File"), m_file);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_kind);
    layout->addLayout(m_form);
    layout->addWidget(m_issue);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &LengthDistributionEdit::onKindChanged);
    for (QSpinBox* box : {m_value, m_min, m_max})
        connect(box, &QSpinBox::valueChanged, this, &LengthDistributionEdit::emitChanged);
    for (QDoubleSpinBox* box : {m_mean, m_sd, m_median, m_sigma})
        connect(box, &QDoubleSpinBox::valueChanged, this, &LengthDistributionEdit::emitChanged);
    connect(m_file, &FilePathEdit::pathChanged, this, &LengthDistributionEdit::emitChanged);
    setDefaultLength(256);
    setDistribution(std::nullopt);
}

QSpinBox* LengthDistributionEdit::lengthBox(const QString& name) {
    auto* box = new QSpinBox(this);
    box->setObjectName(name);
    box->setRange(LengthDistribution::kMinLength, LengthDistribution::kMaxLength);
    box->setGroupSeparatorShown(true);
    return box;
}

QDoubleSpinBox* LengthDistributionEdit::realBox(const QString& name, double max, int decimals) {
    auto* box = new QDoubleSpinBox(this);
    box->setObjectName(name);
    box->setRange(LengthDistribution::kMinLength, max);
    box->setDecimals(decimals);
    box->setGroupSeparatorShown(true);
    return box;
}

void LengthDistributionEdit::setDefaultLength(int tokens) {
    m_kind->setItemText(0, tr("As on the Sweep tab (%1)").arg(tokens));
}

void LengthDistributionEdit::setDatasetPath(const QString& path) {
    m_datasetPath = path;
}

void LengthDistributionEdit::showIssue(const QString& message) {
    m_issue->setIssue(message);
}

void LengthDistributionEdit::setDistribution(const std::optional<LengthDistribution>& d) {
    m_loading = true;
    m_base = d.value_or(LengthDistribution{});
    m_kind->setCurrentIndex(m_kind->findData(d ? int(d->kind) : kUnset));
    m_value->setValue(m_base.value);
    m_min->setValue(m_base.min);
    m_max->setValue(m_base.max);
    m_mean->setValue(m_base.mean);
    m_sd->setValue(m_base.sd);
    m_median->setValue(m_base.median);
    m_sigma->setValue(m_base.sigma);
    m_file->setPath(m_base.file);
    m_loading = false;
    updateRows();
}

std::optional<LengthDistribution> LengthDistributionEdit::distribution() const {
    const int kind = m_kind->currentData().toInt();
    if (kind == kUnset)
        return std::nullopt;
    LengthDistribution d = m_base;
    d.kind = Kind(kind);
    d.value = m_value->value();
    d.min = m_min->value();
    d.max = m_max->value();
    d.mean = m_mean->value();
    d.sd = m_sd->value();
    d.median = m_median->value();
    d.sigma = m_sigma->value();
    d.file = m_file->path();
    if (d.file != m_base.file)
        d.values.clear(); // another file: its lengths are read when the run starts
    return d;
}

void LengthDistributionEdit::updateRows() {
    const int kind = m_kind->currentData().toInt();
    const bool bounded =
        kind == int(Kind::Uniform) || kind == int(Kind::Normal) || kind == int(Kind::LogNormal);
    m_form->setRowVisible(m_value, kind == int(Kind::Fixed));
    m_form->setRowVisible(m_mean, kind == int(Kind::Normal));
    m_form->setRowVisible(m_sd, kind == int(Kind::Normal));
    m_form->setRowVisible(m_median, kind == int(Kind::LogNormal));
    m_form->setRowVisible(m_sigma, kind == int(Kind::LogNormal));
    m_form->setRowVisible(m_min, bounded);
    m_form->setRowVisible(m_max, bounded);
    m_form->setRowVisible(m_file, kind == int(Kind::Empirical));
}

void LengthDistributionEdit::onKindChanged() {
    // A new "from a dataset" choice starts with the dataset the workload reads.
    if (!m_loading && m_kind->currentData().toInt() == int(Kind::Empirical) &&
        m_file->path().isEmpty() && !m_datasetPath.isEmpty()) {
        m_loading = true;
        m_file->setPath(m_datasetPath);
        m_loading = false;
    }
    updateRows();
    emitChanged();
}

void LengthDistributionEdit::emitChanged() {
    if (!m_loading)
        Q_EMIT changed();
}

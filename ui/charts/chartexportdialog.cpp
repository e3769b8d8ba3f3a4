#include "charts/chartexportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

using namespace Qt::StringLiterals;

ChartExportDialog::ChartExportDialog(const QString& suggestedPath, QSize size, QWidget* parent)
    : QDialog(parent)
    , m_format(new QComboBox(this))
    , m_path(new QLineEdit(suggestedPath, this))
    , m_width(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_scale(new QDoubleSpinBox(this)) {
    setWindowTitle(tr("Export chart"));
    m_format->addItem(tr("PNG image"), u"png"_s);
    m_format->addItem(tr("SVG drawing"), u"svg"_s);
    if (QFileInfo(suggestedPath).suffix().compare(u"svg"_s, Qt::CaseInsensitive) == 0)
        m_format->setCurrentIndex(1);
    for (QSpinBox* box : {m_width, m_height}) {
        box->setRange(100, 8000);
        box->setSuffix(tr(" px"));
    }
    m_width->setValue(size.width());
    m_height->setValue(size.height());
    m_scale->setRange(0.5, 4.0);
    m_scale->setSingleStep(0.5);
    m_scale->setValue(2.0);
    m_scale->setSuffix(u"×"_s);
    m_scale->setToolTip(tr("Pixels per logical pixel: 2 gives a sharp image on HiDPI screens"));

    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(u"×"_s, this));
    sizeRow->addWidget(m_height);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("File:"), pathRow);
    form->addRow(tr("Size:"), sizeRow);
    form->addRow(tr("Scale:"), m_scale);
    form->addRow(buttons);

    connect(browse, &QPushButton::clicked, this, &ChartExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ChartExportDialog::formatChanged);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    formatChanged();
}

QString ChartExportDialog::path() const {
    return m_path->text();
}

QSize ChartExportDialog::imageSize() const {
    return QSize(m_width->value(), m_height->value());
}

double ChartExportDialog::scale() const {
    return isSvg() ? 1.0 : m_scale->value();
}

bool ChartExportDialog::isSvg() const {
    return m_format->currentData().toString() == u"svg"_s;
}

void ChartExportDialog::browse() {
    const QString filter = isSvg() ? tr("SVG drawing (*.svg)") : tr("PNG image (*.png)");
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export chart"), path(), filter);
    if (!chosen.isEmpty())
        m_path->setText(chosen);
    formatChanged();
}

void ChartExportDialog::formatChanged() {
    m_scale->setEnabled(!isSvg());
    // Keep the suffix in step with the format, so the file is what it says.
    const QString suffix = isSvg() ? u"svg"_s : u"png"_s;
    QFileInfo info(path());
    if (!path().isEmpty() && info.suffix().compare(suffix, Qt::CaseInsensitive) != 0) {
        const QString base =
            info.suffix().isEmpty() ? path() : path().chopped(info.suffix().size() + 1);
        m_path->setText(base % u'.' % suffix);
    }
}

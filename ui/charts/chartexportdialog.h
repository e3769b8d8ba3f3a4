#pragma once

#include <QDialog>
#include <QSize>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

// Asks where and how to export a chart: format (PNG or SVG), size in logical pixels and,
// for PNG, the scale (2 = HiDPI-sharp, twice the pixels). The path's suffix follows the
// format. Remembers nothing itself; the caller may persist the choices.
class ChartExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ChartExportDialog(const QString& suggestedPath, QSize size, QWidget* parent = nullptr);

    QString path() const;
    QSize imageSize() const;
    double scale() const;
    bool isSvg() const;

private:
    void browse();
    void formatChanged();

    QComboBox* m_format;
    QLineEdit* m_path;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QDoubleSpinBox* m_scale;
};

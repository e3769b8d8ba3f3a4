#pragma once

#include "profile/lengthdistribution.h"

#include <QWidget>

#include <optional>

class FieldIssueLabel;
class FilePathEdit;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QSpinBox;

// One length distribution (LengthDistribution): its kind and only that kind's parameters.
// "As on the Sweep tab" is no distribution at all (std::nullopt): the fixed length of the
// profile's prompt settings, as schema 1 had it.
class LengthDistributionEdit : public QWidget {
    Q_OBJECT
public:
    // name: prefixes the widgets' object names ("input" -> "inputKind", "inputMean").
    explicit LengthDistributionEdit(const QString& name, QWidget* parent = nullptr);

    void setDistribution(const std::optional<LengthDistribution>& distribution);
    std::optional<LengthDistribution> distribution() const;
    // The fixed length "As on the Sweep tab" stands for (shown in its item).
    void setDefaultLength(int tokens);
    // The dataset a "from a dataset" choice starts with when it has no file of its own.
    void setDatasetPath(const QString& path);
    void showIssue(const QString& message);

    QComboBox* kindBox() const { return m_kind; }

Q_SIGNALS:
    void changed();

private:
    QSpinBox* lengthBox(const QString& name);
    QDoubleSpinBox* realBox(const QString& name, double max, int decimals);
    void updateRows();
    void onKindChanged();
    void emitChanged();

    QComboBox* m_kind;
    QFormLayout* m_form;
    QSpinBox* m_value;
    QSpinBox* m_min;
    QSpinBox* m_max;
    QDoubleSpinBox* m_mean;
    QDoubleSpinBox* m_sd;
    QDoubleSpinBox* m_median;
    QDoubleSpinBox* m_sigma;
    FilePathEdit* m_file;
    FieldIssueLabel* m_issue;
    LengthDistribution m_base; // the values an empirical choice loaded, kept for its file
    QString m_datasetPath;
    bool m_loading = false;
};

#pragma once

#include "models/lengthhistogram.h"

#include <QColor>
#include <QPair>
#include <QWidget>

// One LengthHistogram drawn as bars, with its title above, the p50 and p90 marked, and
// count / mean / p50 / p90 written underneath. A small painter of its own: a preview that
// redraws on every edit needs none of a chart's interaction.
class LengthHistogramChart : public QWidget {
    Q_OBJECT
public:
    explicit LengthHistogramChart(QWidget* parent = nullptr);

    void setHistogram(const LengthHistogram& histogram, const QString& title);
    void setColor(const QColor& color);
    // Shown instead of bars while there is nothing to draw ("Reading the dataset…").
    void setPlaceholder(const QString& text);

    const LengthHistogram& histogram() const { return m_histogram; }
    QString title() const { return m_title; }
    // "n 2,000 · mean 512 · p50 498 · p90 740" (empty without values).
    QString statsText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void drawBars(QPainter& painter, const QRect& plot) const;
    void drawAxes(QPainter& painter, const QRect& plot) const;
    void drawMarker(QPainter& painter, const QRect& plot, int value, const QString& label,
                    int labelLine) const;
    QPair<double, double> span() const; // the lengths the x axis covers
    double xOf(const QRect& plot, double length) const;

    LengthHistogram m_histogram;
    QString m_title;
    QString m_placeholder;
    QColor m_color;
};

#include "charts/plateauchart.h"

#include "models/runpalette.h"

#include <QAbstractSeries>
#include <QGraphicsLayout>
#include <QGuiApplication>
#include <QLegend>
#include <QLegendMarker>
#include <QPalette>
#include <QValueAxis>

PlateauChart::PlateauChart(QGraphicsItem* parent)
    : QChart(parent) {
    applyTheme();
    setAnimationOptions(NoAnimation);
    setBackgroundRoundness(0);
    setDropShadowEnabled(false);
    setMargins(QMargins(6, 6, 6, 6));
    // The default layout margins leave a frame of bare scene around the background.
    layout()->setContentsMargins(0, 0, 0, 0);
    setLocalizeNumbers(true);
    legend()->setAlignment(Qt::AlignBottom);
    legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    // Keep overlays glued to the data whenever the plot area moves.
    connect(this, &QChart::plotAreaChanged, this, [this] { layoutOverlays(); });
}

void PlateauChart::applyTheme() {
    m_dark = darkPalette();
    setTheme(m_dark ? ChartThemeDark : ChartThemeLight);
    // Flat and from the palette: the chart sits on the window like any other view, and an
    // export has one background colour (the dark theme's own is a gradient).
    setBackgroundBrush(QGuiApplication::palette().color(QPalette::Base));
    // The theme resets the fonts too.
    QFont title = titleFont();
    title.setPointSizeF(title.pointSizeF() * 1.15);
    title.setBold(true);
    setTitleFont(title);
}

void PlateauChart::followPalette() {
    if (darkPalette() == m_dark)
        return;
    applyTheme();
    restyle();
}

bool PlateauChart::darkPalette() {
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

QValueAxis* PlateauChart::addValueAxis(const QString& title, Qt::Alignment alignment) {
    auto* axis = new QValueAxis(this);
    axis->setTitleText(title);
    axis->setLabelFormat(QStringLiteral("%.0f"));
    axis->setRange(0.0, 1.0);
    addAxis(axis, alignment);
    return axis;
}

void PlateauChart::hideFromLegend(QAbstractSeries* series) {
    showInLegend(series, false);
}

void PlateauChart::showInLegend(QAbstractSeries* series, bool shown) {
    const QList<QLegendMarker*> markers = legend()->markers(series);
    for (QLegendMarker* marker : markers)
        marker->setVisible(shown);
}

QColor PlateauChart::textColor() const {
    return RunPalette::color(RunPalette::Role::ChartText, darkPalette());
}

QFont PlateauChart::overlayFont() const {
    QFont font = legend()->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    return font;
}

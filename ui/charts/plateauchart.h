#pragma once

#include <QChart>

class QAbstractSeries;
class QValueAxis;

// Common ground of Plateau's charts: no animations (live data would never settle),
// a theme following the application palette (light/dark), flat background so exports
// have no transparent corners, and a hook for overlays (text items placed in scene
// coordinates) that must follow the plot area when the chart is resized or exported.
class PlateauChart : public QChart {
    Q_OBJECT
public:
    explicit PlateauChart(QGraphicsItem* parent = nullptr);

    // Re-place overlay items for the current plot area. The exporter calls it after
    // resizing the chart to the export size.
    virtual void layoutOverlays() {}

    static bool darkPalette();

    // Re-theme the chart if the application palette turned dark or light since it was last
    // styled (ChartsPanel calls it on palette changes). QChart::setTheme() replaces every
    // series' pen, so subclasses put their own colours back in restyle().
    void followPalette();

protected:
    virtual void restyle() {}
    QValueAxis* addValueAxis(const QString& title, Qt::Alignment alignment);
    void hideFromLegend(QAbstractSeries* series);
    void showInLegend(QAbstractSeries* series, bool shown);
    QColor textColor() const;
    QFont overlayFont() const;

private:
    void applyTheme();
    bool m_dark = false;
};

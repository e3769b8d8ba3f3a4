#pragma once

#include <QImage>
#include <QSize>
#include <QString>

class QChart;
class QPainter;

// Renders a chart, title and legend included, at a size of our choosing rather than its
// on-screen size: PNG at size x scale pixels (the painter works in logical units, so text
// and lines are as sharp as on a HiDPI screen), SVG at size. The chart is resized for the
// duration of the render and put back, so exporting never disturbs the view. Files are
// written through OutputFile: a regular file only (a device, FIFO or directory is
// refused), atomically, and a failure says why ("No space left on device").
class ChartExporter {
public:
    static constexpr int MaxPixels = 16384; // per side; beyond, QImage allocation fails

    static void render(QChart* chart, QPainter* painter, const QSize& size);
    static QImage image(QChart* chart, const QSize& size, double scale);
    static bool savePng(QChart* chart, const QString& path, const QSize& size, double scale,
                        QString* error);
    // An image already made (a window grab...), in the format of the path's suffix (PNG
    // when none is known), through the same checks.
    static bool saveImage(const QImage& image, const QString& path, QString* error);
    static bool saveSvg(QChart* chart, const QString& path, const QSize& size, QString* error);
    // By file suffix: ".svg" writes SVG, anything else an image in that format (PNG default).
    static bool save(QChart* chart, const QString& path, const QSize& size, double scale,
                     QString* error);
};

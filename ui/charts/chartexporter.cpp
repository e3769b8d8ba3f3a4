#include "charts/chartexporter.h"

#include "charts/plateauchart.h"
#include "common/outputfile.h"

#include <QBuffer>
#include <QChart>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QGuiApplication>
#include <QImageWriter>
#include <QPainter>
#include <QScreen>
#include <QSvgGenerator>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("ChartExporter", text);
}

void setError(QString* error, const QString& text) {
    if (error)
        *error = text;
}

// The theme's background may be a gradient, whose color() is black: use its first stop.
QColor backgroundOf(const QChart* chart) {
    const QBrush brush = chart->backgroundBrush();
    if (const QGradient* gradient = brush.gradient(); gradient && !gradient->stops().isEmpty())
        return gradient->stops().constFirst().second;
    return brush.style() == Qt::NoBrush ? QColor(Qt::white) : brush.color();
}

// The bytes go through OutputFile like every other file Plateau writes: a regular file
// only (never a device or a FIFO), replaced atomically, errors with the system's reason.
bool writeOut(const QString& path, const QByteArray& bytes, QString* error) {
    QString reason;
    if (OutputFile::write(path, bytes, &reason))
        return true;
    setError(error, tr("Cannot write the image: %1").arg(reason));
    return false;
}

// "jpg" for "x.JPG" when Qt can write it, else PNG (also for no suffix at all).
QByteArray imageFormatFor(const QString& path) {
    const QByteArray suffix = QFileInfo(path).suffix().toLower().toLatin1();
    return QImageWriter::supportedImageFormats().contains(suffix) ? suffix : QByteArray("png");
}

void relayout(QChart* chart) {
    // Geometry changes are laid out lazily; the render must see the new plot area now.
    if (QGraphicsLayout* layout = chart->layout())
        layout->activate();
    if (auto* plateauChart = qobject_cast<PlateauChart*>(chart))
        plateauChart->layoutOverlays();
}
} // namespace

void ChartExporter::render(QChart* chart, QPainter* painter, const QSize& size) {
    // An export made right after the palette flipped, before the panel saw the event,
    // must still look like the screen will.
    if (auto* plateauChart = qobject_cast<PlateauChart*>(chart))
        plateauChart->followPalette();
    std::unique_ptr<QGraphicsScene> ownScene;
    if (!chart->scene()) {
        ownScene = std::make_unique<QGraphicsScene>();
        ownScene->addItem(chart);
    }
    const QRectF oldGeometry = chart->geometry();
    const QRectF target(QPointF(0, 0), QSizeF(size));
    chart->setGeometry(QRectF(oldGeometry.topLeft(), QSizeF(size)));
    relayout(chart);
    chart->scene()->render(painter, target, QRectF(chart->scenePos(), QSizeF(size)),
                           Qt::IgnoreAspectRatio);
    chart->setGeometry(oldGeometry);
    relayout(chart);
    if (ownScene)
        ownScene->removeItem(chart);
}

QImage ChartExporter::image(QChart* chart, const QSize& size, double scale) {
    const QSize pixels(int(std::lround(size.width() * scale)),
                       int(std::lround(size.height() * scale)));
    if (size.isEmpty() || !(scale > 0.0) || pixels.width() > MaxPixels ||
        pixels.height() > MaxPixels)
        return {};
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return {};
    image.setDevicePixelRatio(scale);
    image.fill(backgroundOf(chart));
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                           QPainter::SmoothPixmapTransform);
    render(chart, &painter, size);
    painter.end();
    return image;
}

bool ChartExporter::savePng(QChart* chart, const QString& path, const QSize& size, double scale,
                            QString* error) {
    const QImage img = image(chart, size, scale);
    if (img.isNull()) {
        setError(error, tr("Cannot render a %1 x %2 image at scale %3 (at most %4 pixels a side).")
                            .arg(size.width())
                            .arg(size.height())
                            .arg(scale)
                            .arg(MaxPixels));
        return false;
    }
    return saveImage(img, path, error);
}

bool ChartExporter::saveImage(const QImage& img, const QString& path, QString* error) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, imageFormatFor(path));
    if (!writer.write(img)) {
        setError(error, tr("Cannot write %1: %2").arg(path, writer.errorString()));
        return false;
    }
    return writeOut(path, bytes, error);
}

bool ChartExporter::saveSvg(QChart* chart, const QString& path, const QSize& size, QString* error) {
    if (size.isEmpty()) {
        setError(error, tr("The image size is empty."));
        return false;
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(chart->title());
    generator.setDescription(tr("Chart exported by Plateau"));
    // Same dots per inch as the screen, so point-sized text keeps its on-screen proportions.
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        generator.setResolution(int(std::lround(screen->logicalDotsPerInch())));
    QPainter painter;
    if (!painter.begin(&generator)) {
        setError(error, tr("Cannot write %1.").arg(path));
        return false;
    }
    painter.fillRect(QRect(QPoint(0, 0), size), backgroundOf(chart));
    render(chart, &painter, size);
    painter.end();
    if (bytes.isEmpty()) {
        setError(error, tr("Cannot write %1.").arg(path));
        return false;
    }
    return writeOut(path, bytes, error);
}

bool ChartExporter::save(QChart* chart, const QString& path, const QSize& size, double scale,
                         QString* error) {
    if (QFileInfo(path).suffix().compare(u"svg"_s, Qt::CaseInsensitive) == 0)
        return saveSvg(chart, path, size, error);
    return savePng(chart, path, size, scale, error);
}

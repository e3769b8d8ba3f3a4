#include "charts/lengthhistogramchart.h"

#include "charts/niceaxis.h"
#include "models/runpalette.h"
#include "models/uiformat.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

LengthHistogramChart::LengthHistogramChart(QWidget* parent)
    : QWidget(parent)
    , m_color(RunPalette::colors().constFirst()) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void LengthHistogramChart::setHistogram(const LengthHistogram& histogram, const QString& title) {
    m_histogram = histogram;
    m_title = title;
    m_placeholder.clear();
    setToolTip(statsText());
    update();
}

void LengthHistogramChart::setColor(const QColor& color) {
    m_color = color;
    update();
}

void LengthHistogramChart::setPlaceholder(const QString& text) {
    m_placeholder = text;
    update();
}

QString LengthHistogramChart::statsText() const {
    if (m_histogram.isEmpty())
        return {};
    return tr("n %1 · mean %2 · p50 %3 · p90 %4")
        .arg(UiFormat::integer(m_histogram.count()), UiFormat::number(m_histogram.mean()),
             UiFormat::integer(m_histogram.p50()), UiFormat::integer(m_histogram.p90()));
}

QSize LengthHistogramChart::sizeHint() const {
    return {fontMetrics().averageCharWidth() * 48, fontMetrics().height() * 13};
}

QSize LengthHistogramChart::minimumSizeHint() const {
    return {fontMetrics().averageCharWidth() * 30, fontMetrics().height() * 9};
}

QPair<double, double> LengthHistogramChart::span() const {
    const QList<LengthHistogram::Bin>& bins = m_histogram.bins();
    double from = bins.constFirst().from;
    double to = bins.constLast().to + 1.0;
    if (bins.size() == 1) {
        // One length (a fixed distribution): a slim bar in a little room, not a wall.
        const double pad = std::max(2.0, from * 0.2);
        from = std::max(0.0, from - pad);
        to += pad;
    }
    return {from, to};
}

double LengthHistogramChart::xOf(const QRect& plot, double length) const {
    const auto [from, to] = span();
    return plot.left() + (length - from) / (to - from) * plot.width();
}

void LengthHistogramChart::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics metrics = fontMetrics();
    const int line = metrics.height();
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(0, 0, width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetrics(bold).elidedText(m_title, Qt::ElideRight, width()));
    painter.setFont(font());

    const int axisLabelWidth = metrics.horizontalAdvance(QStringLiteral("00,000")) + 6;
    const QRect plot(axisLabelWidth, line + 4, width() - axisLabelWidth - 8,
                     height() - 3 * line - 10);
    if (m_histogram.isEmpty() || !m_placeholder.isEmpty() || plot.height() < line) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(plot, Qt::AlignCenter | Qt::TextWordWrap,
                         m_placeholder.isEmpty() ? tr("No lengths to show") : m_placeholder);
        return;
    }
    drawBars(painter, plot);
    drawAxes(painter, plot);
    drawMarker(painter, plot, m_histogram.p50(), QStringLiteral("p50"), 0);
    if (m_histogram.p90() != m_histogram.p50()) {
        // Labels of markers close together go on separate lines.
        const double apart = xOf(plot, m_histogram.p90()) - xOf(plot, m_histogram.p50());
        const int labelLine =
            apart < fontMetrics().horizontalAdvance(QStringLiteral("p50 ")) ? 1 : 0;
        drawMarker(painter, plot, m_histogram.p90(), QStringLiteral("p90"), labelLine);
    }
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(0, height() - line, width(), line), Qt::AlignCenter, statsText());
}

void LengthHistogramChart::drawBars(QPainter& painter, const QRect& plot) const {
    const NiceAxis::Range counts = NiceAxis::nice(0.0, double(m_histogram.largestBinCount()), 4);
    QColor fill = m_color;
    fill.setAlphaF(0.75f);
    painter.setPen(QPen(m_color, 1.0));
    painter.setBrush(fill);
    for (const LengthHistogram::Bin& bin : m_histogram.bins()) {
        if (bin.count == 0)
            continue;
        const double left = xOf(plot, bin.from);
        const double right = xOf(plot, bin.to + 1.0);
        const double top = plot.bottom() - double(bin.count) / counts.max * plot.height();
        painter.drawRect(
            QRectF(QPointF(left, top), QPointF(right, plot.bottom())).adjusted(0.5, 0, -0.5, 0));
    }
}

void LengthHistogramChart::drawAxes(QPainter& painter, const QRect& plot) const {
    const QFontMetrics metrics = fontMetrics();
    const QColor text = palette().color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.25f);
    const NiceAxis::Range counts = NiceAxis::nice(0.0, double(m_histogram.largestBinCount()), 4);
    for (double c = counts.min; c <= counts.max + counts.step / 2; c += counts.step) {
        const double y = plot.bottom() - c / counts.max * plot.height();
        painter.setPen(QPen(grid, 1.0));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(text);
        painter.drawText(QRectF(0, y - metrics.height() / 2.0, plot.left() - 4, metrics.height()),
                         Qt::AlignRight | Qt::AlignVCenter, UiFormat::integer(qint64(c)));
    }
    // Length ticks at round whole values across the span.
    const auto [from, to] = span();
    const NiceAxis::Range lengths = NiceAxis::nice(from, to, 5);
    const double step = std::max(1.0, std::round(lengths.step));
    painter.setPen(text);
    for (double v = std::ceil(from / step) * step; v <= to; v += step) {
        const double x = xOf(plot, v);
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3));
        const QString label = UiFormat::integer(qint64(v));
        const int w = metrics.horizontalAdvance(label);
        painter.drawText(QRectF(x - w / 2.0 - 2, plot.bottom() + 3, w + 4, metrics.height()),
                         Qt::AlignCenter, label);
    }
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
}

void LengthHistogramChart::drawMarker(QPainter& painter, const QRect& plot, int value,
                                      const QString& label, int labelLine) const {
    const double x = xOf(plot, value + 0.5);
    const int line = fontMetrics().height();
    painter.setPen(QPen(palette().color(QPalette::WindowText), 1.0, Qt::DashLine));
    painter.drawLine(QPointF(x, plot.top() + line * (labelLine + 1)), QPointF(x, plot.bottom()));
    // The label right of the line, or left of it near the right edge.
    const int width = fontMetrics().horizontalAdvance(label);
    const double left = x + 3 + width < plot.right() ? x + 3 : x - 3 - width;
    painter.drawText(QPointF(left, plot.top() + line * labelLine + fontMetrics().ascent()), label);
}

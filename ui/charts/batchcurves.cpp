#include "charts/batchcurves.h"

#include <QCoreApplication>

QList<int> BatchCurves::sizesOf(const QList<int>& pointBatches) {
    QList<int> sizes;
    for (int size : pointBatches)
        if (size > 0 && !sizes.contains(size))
            sizes.append(size);
    return sizes;
}

QList<QPointF> BatchCurves::pointsOf(const QList<QPointF>& data, const QList<int>& pointBatches,
                                     int size) {
    QList<QPointF> points;
    for (qsizetype i = 0; i < data.size() && i < pointBatches.size(); ++i)
        if (pointBatches.at(i) == size)
            points.append(data.at(i));
    return points;
}

QPen BatchCurves::pen(const QColor& color, int curve) {
    static constexpr Qt::PenStyle kStyles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine,
                                               Qt::DashDotLine, Qt::DashDotDotLine};
    constexpr int kCount = int(sizeof(kStyles) / sizeof(kStyles[0]));
    const int index = curve < 0 ? 0 : curve;
    // Past five curves the dashes repeat, a little thinner each round.
    return QPen(color, 2.0 - 0.3 * (index / kCount), kStyles[index % kCount]);
}

QString BatchCurves::name(const QString& runName, int size, int curve) {
    const QString batch = QCoreApplication::translate("BatchCurves", "batch %1").arg(size);
    return curve == 0 ? runName + QStringLiteral(" · ") + batch : batch;
}

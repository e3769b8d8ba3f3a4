#include "charts/overlaylabels.h"

#include <QGraphicsRectItem>
#include <QTest>

class TestOverlayLabels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void labelsAvoidEachOtherAndObstacles();
    void crowdedLabelsAreLeftOut();
    void poolIsReused();
};

void TestOverlayLabels::labelsAvoidEachOtherAndObstacles() {
    QGraphicsRectItem parent;
    OverlayLabels labels(&parent);
    const QRectF bounds(0, 0, 600, 400);
    labels.begin(bounds);
    QList<QPointF> anchors;
    for (int i = 0; i < 8; ++i)
        anchors.append(QPointF(60 + i * 25, 350 - i * 40)); // a rising curve
    for (qsizetype i = 0; i < anchors.size(); ++i) {
        labels.addObstacle(QRectF(anchors.at(i) - QPointF(6, 6), QSizeF(12, 12)));
        if (i > 0)
            labels.addObstacle(QLineF(anchors.at(i - 1), anchors.at(i)));
    }
    for (int i = 0; i < 8; ++i)
        labels.add(QStringLiteral("c=%1").arg(1 << i), anchors.at(i), Qt::black, QFont());
    labels.end();
    const QList<QRectF> rects = labels.rects();
    QCOMPARE(rects.size(), 8);
    for (qsizetype i = 0; i < rects.size(); ++i) {
        QVERIFY(bounds.contains(rects.at(i)));
        for (qsizetype j = i + 1; j < rects.size(); ++j)
            QVERIFY2(!rects.at(i).intersects(rects.at(j)), "labels overlap");
        for (const QPointF& anchor : anchors)
            QVERIFY(!rects.at(i).contains(anchor));
    }
}

void TestOverlayLabels::crowdedLabelsAreLeftOut() {
    QGraphicsRectItem parent;
    OverlayLabels labels(&parent);
    labels.begin(QRectF(0, 0, 400, 300));
    for (int i = 0; i < 30; ++i)
        labels.add(QStringLiteral("c=%1").arg(i), QPointF(200, 150), Qt::black, QFont());
    labels.end();
    QVERIFY(labels.texts().size() < 30);
    QVERIFY(labels.texts().size() >= 4);
    const QList<QRectF> rects = labels.rects();
    for (qsizetype i = 0; i < rects.size(); ++i) {
        for (qsizetype j = i + 1; j < rects.size(); ++j)
            QVERIFY(!rects.at(i).intersects(rects.at(j)));
    }
}

void TestOverlayLabels::poolIsReused() {
    QGraphicsRectItem parent;
    OverlayLabels labels(&parent);
    for (int pass = 0; pass < 3; ++pass) {
        labels.begin(QRectF(0, 0, 400, 300));
        labels.add(QStringLiteral("a"), QPointF(100, 100), Qt::black, QFont());
        labels.add(QStringLiteral("b"), QPointF(300, 200), Qt::black, QFont());
        labels.end();
    }
    QCOMPARE(parent.childItems().size(), 2);
    labels.begin(QRectF(0, 0, 400, 300));
    labels.add(QStringLiteral("a"), QPointF(100, 100), Qt::black, QFont());
    labels.end();
    int visible = 0;
    for (QGraphicsItem* child : parent.childItems())
        visible += child->isVisible() ? 1 : 0;
    QCOMPARE(visible, 1);
    QCOMPARE(labels.texts(), QStringList{QStringLiteral("a")});
}

QTEST_MAIN(TestOverlayLabels)
#include "tst_overlaylabels.moc"

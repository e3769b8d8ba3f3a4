// The level table's server columns read from one column table: each column's figure, its
// scale (fractions as percentages), its digits, and the cross-check's sign and flag.

#include "models/serverlevelcolumns.h"
#include "models/uiformat.h"

#include <QTest>

#include <cmath>

class TestServerLevelColumns : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eachColumnShowsItsFigure();
    void crossCheckIsSignedAndFlagged();
    void missingFiguresShowADash();
};

void TestServerLevelColumns::eachColumnShowsItsFigure() {
    using C = ServerLevelColumns;
    ServerLevelFigures figures;
    figures.generationTps = 1234.56;
    figures.runningMean = 7.25;
    figures.waitingMean = 0.5;
    figures.kvUsageMax = 0.8125;
    figures.prefixHitRate = 0.25;
    QCOMPARE(C::numeric(&figures, C::GenerationTps), 1234.56);
    QCOMPARE(C::numeric(&figures, C::Running), 7.25);
    QCOMPARE(C::numeric(&figures, C::Waiting), 0.5);
    QCOMPARE(C::numeric(&figures, C::KvMax), 81.25);
    QCOMPARE(C::numeric(&figures, C::PrefixHit), 25.0);
    QCOMPARE(C::display(&figures, C::GenerationTps).toString(), UiFormat::number(1234.56, 4));
    QCOMPARE(C::display(&figures, C::Running).toString(), UiFormat::number(7.25, 3));
    QCOMPARE(C::display(&figures, C::KvMax).toString(), UiFormat::number(81.25, 3));
    QVERIFY(std::isnan(C::numeric(&figures, C::Count)));
    for (int column = 0; column < C::Count; ++column) {
        QVERIFY(!C::title(column).isEmpty());
        QVERIFY(!C::help(column).isEmpty());
    }
    QCOMPARE(C::title(C::KvMax), QStringLiteral("KV max %"));
    QVERIFY(C::title(C::Count).isEmpty());
}

void TestServerLevelColumns::crossCheckIsSignedAndFlagged() {
    using C = ServerLevelColumns;
    ServerLevelFigures figures;
    figures.crossCheckDifference = 0.004;
    QCOMPARE(C::numeric(&figures, C::CrossCheck), 0.4);
    QCOMPARE(C::display(&figures, C::CrossCheck).toString(),
             QString(u'+' + UiFormat::number(0.4, 2) + u'%'));
    QVERIFY(!C::flagged(&figures, C::CrossCheck));
    figures.crossCheckDifference = -0.12;
    figures.crossCheckFlagged = true;
    QCOMPARE(C::display(&figures, C::CrossCheck).toString(),
             QString(QStringLiteral("⚠ ") + UiFormat::number(-12.0, 2) + u'%'));
    QVERIFY(C::flagged(&figures, C::CrossCheck));
    QVERIFY(!C::flagged(&figures, C::KvMax));
}

void TestServerLevelColumns::missingFiguresShowADash() {
    using C = ServerLevelColumns;
    ServerLevelFigures figures; // nothing measured
    for (int column = 0; column < C::Count; ++column) {
        QCOMPARE(C::display(&figures, column).toString(), UiFormat::dash());
        QCOMPARE(C::display(nullptr, column).toString(), UiFormat::dash());
    }
    QVERIFY(C::toolTip(nullptr, C::Running).contains(u"No server figures"));
}

QTEST_MAIN(TestServerLevelColumns)
#include "tst_serverlevelcolumns.moc"

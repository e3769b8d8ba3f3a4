// The charts' hover readout of a level (issue 14): with the run's endpoint price it carries the
// level's cost per million output tokens and per 1,000 requests; without one, no cost row.
#include "metrics/levelcost.h"
#include "models/leveltooltip.h"
#include "syntheticrun.h"

#include <QLocale>
#include <QTest>

class TestLevelToolTip : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void costRowsOnlyWithAPrice() {
        const RunResult run = SyntheticRun::make();
        const LevelSummary& level = run.summary.levels.at(6);
        QVERIFY(!LevelToolTip::html(level).contains(QStringLiteral("Cost")));

        EndpointPrice price;
        price.perHour = 10.0;
        const QString html = LevelToolTip::html(level, QString(), price);
        const LevelCost cost = LevelCost::of(price, level);
        QVERIFY(cost.isValid());
        QVERIFY2(html.contains(QStringLiteral("Cost / M output tokens")), qPrintable(html));
        QVERIFY2(
            html.contains(LevelCost::money(cost.perMillionOutputTokens, QStringLiteral("USD"))),
            qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("Cost / 1,000 requests")), qPrintable(html));
        QVERIFY2(html.contains(LevelCost::money(cost.perThousandRequests, QStringLiteral("USD"))),
                 qPrintable(html));
    }
};

QTEST_MAIN(TestLevelToolTip)
#include "tst_leveltooltip.moc"

#include "metrics/sweepsummary.h"

#include <QJsonDocument>
#include <QTest>
#include <cmath>

using namespace Qt::StringLiterals;

class TestSweepSummary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plateauJson() {
        PlateauResult p;
        p.plateauTps = 8012.345678901234;
        p.plateauLevel = 5;
        p.plateaued = true;
        p.plateauFromLevel = 4;
        p.kneeConcurrency = 23.456;
        const QJsonObject o = p.toJson();
        QCOMPARE(o.value(u"plateau_tps"_s).toDouble(), 8012.345678901234);
        QCOMPARE(o.value(u"plateau_level"_s).toInt(), 5);
        QCOMPARE(o.value(u"plateaued"_s).toBool(), true);
        QCOMPARE(o.value(u"plateau_from_level"_s).toInt(), 4);
        QCOMPARE(o.value(u"knee_concurrency"_s).toDouble(), 23.456);
        QVERIFY(o.value(u"knee_rate"_s).isNull()); // NaN -> null

        const QByteArray text = QJsonDocument(o).toJson();
        const PlateauResult r = PlateauResult::fromJson(QJsonDocument::fromJson(text).object());
        QVERIFY(r.plateauTps == p.plateauTps); // exact through text
        QCOMPARE(r.plateauLevel, 5);
        QCOMPARE(r.plateaued, true);
        QCOMPARE(r.plateauFromLevel, 4);
        QVERIFY(r.kneeConcurrency == p.kneeConcurrency);
        QVERIFY(std::isnan(r.kneeRate));
        QCOMPARE(r.toJson(), o);
    }

    void emptyPlateauJson() {
        const QJsonObject o = PlateauResult().toJson();
        QVERIFY(o.value(u"plateau_tps"_s).isNull());
        QVERIFY(o.value(u"knee_concurrency"_s).isNull());
        QCOMPARE(o.value(u"plateau_level"_s).toInt(), -1);
        const PlateauResult r = PlateauResult::fromJson(o);
        QVERIFY(std::isnan(r.plateauTps));
        QCOMPARE(r.plateauLevel, -1);
        QCOMPARE(r.plateauFromLevel, -1);
        QVERIFY(!r.plateaued);
        // Missing keys read as "nothing found", not as level 0.
        QCOMPARE(PlateauResult::fromJson(QJsonObject{}).plateauLevel, -1);
    }

    void budgetJson_data() {
        QTest::addColumn<bool>("hasBudget");
        QTest::addColumn<int>("bestLevel");
        QTest::newRow("no budget") << false << -1;
        QTest::newRow("none meets it") << true << -1;
        QTest::newRow("level 3") << true << 3;
    }
    void budgetJson() {
        QFETCH(bool, hasBudget);
        QFETCH(int, bestLevel);
        BudgetResult b;
        b.hasBudget = hasBudget;
        b.bestLevel = bestLevel;
        const QJsonObject o = b.toJson();
        QCOMPARE(o.value(u"has_budget"_s).toBool(), hasBudget);
        QCOMPARE(o.value(u"best_level"_s).toInt(), bestLevel);
        const BudgetResult r =
            BudgetResult::fromJson(QJsonDocument::fromJson(QJsonDocument(o).toJson()).object());
        QCOMPARE(r.hasBudget, hasBudget);
        QCOMPARE(r.bestLevel, bestLevel);
        QCOMPARE(BudgetResult::fromJson(QJsonObject{}).bestLevel, -1);
    }
};

QTEST_GUILESS_MAIN(TestSweepSummary)
#include "tst_sweepsummary.moc"

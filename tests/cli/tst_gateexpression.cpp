// The CI conditions of `compare --fail-if` and `run --assert`: what parses, what is refused
// (with a message that names the problem), and when a condition holds.
#include "cli/gateexpression.h"

#include <QTest>
#include <cmath>

namespace {
QString s(const char* text) {
    return QString::fromUtf8(text);
}

const QStringList kFigures = {QStringLiteral("plateau_tps"), QStringLiteral("ttft.p95"),
                              QStringLiteral("best_in_budget.concurrency")};
} // namespace

class TestGateExpression : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parses_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("figure");
        QTest::addColumn<int>("op");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("percent");
        using Op = GateExpression::Op;
        QTest::newRow("drop") << s("plateau_tps < -5%") << s("plateau_tps") << int(Op::Less) << -5.0
                              << true;
        QTest::newRow("rise") << s("ttft.p95 > +10%") << s("ttft.p95") << int(Op::Greater) << 10.0
                              << true;
        QTest::newRow("tight") << s("ttft.p95>=12.5") << s("ttft.p95") << int(Op::GreaterEqual)
                               << 12.5 << false;
        QTest::newRow("spaces") << s("  plateau_tps  <=  .5 % ") << s("plateau_tps")
                                << int(Op::LessEqual) << 0.5 << true;
        QTest::newRow("equal") << s("best_in_budget.concurrency == 32")
                               << s("best_in_budget.concurrency") << int(Op::Equal) << 32.0
                               << false;
    }
    void parses() {
        QFETCH(QString, text);
        QFETCH(QString, figure);
        QFETCH(int, op);
        QFETCH(double, value);
        QFETCH(bool, percent);
        QString error;
        const auto g = GateExpression::parse(text, kFigures, true, &error);
        QVERIFY2(g, qPrintable(error));
        QCOMPARE(g->figure, figure);
        QCOMPARE(int(g->op), op);
        QCOMPARE(g->value, value);
        QCOMPARE(g->percent, percent);
        QCOMPARE(g->text, text.trimmed());
    }

    void refused_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("allowPercent");
        QTest::addColumn<QString>("message"); // a part of the error
        QTest::newRow("empty") << s("") << true << s("expected FIGURE OP NUMBER");
        QTest::newRow("no op") << s("plateau_tps -5%") << true << s("cannot read");
        QTest::newRow("no number") << s("plateau_tps < fast") << true << s("cannot read");
        QTest::newRow("unknown") << s("plateau < -5%") << true << s("unknown figure \"plateau\"");
        QTest::newRow("lists known") << s("tpot.p999 > 1") << true << s("known: plateau_tps");
        QTest::newRow("two ops") << s("plateau_tps < < 5") << true << s("cannot read");
        QTest::newRow("trailing") << s("plateau_tps < 5% and more") << true << s("cannot read");
        QTest::newRow("huge") << s("plateau_tps < 1e99") << true << s("cannot read"); // no exponent
        QTest::newRow("too large") << s("plateau_tps < 99999999999") << true << s("out of range");
        QTest::newRow("percent in assert")
            << s("best_in_budget.concurrency >= 32%") << false << s("percentage");
        QTest::newRow("long") << s("plateau_tps < ") + QString(300, QLatin1Char('1')) << true
                              << s("longer than 200");
        QTest::newRow("nan") << s("plateau_tps < nan") << true << s("cannot read");
    }
    void refused() {
        QFETCH(QString, text);
        QFETCH(bool, allowPercent);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!GateExpression::parse(text, kFigures, allowPercent, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(error.size() < 400); // one readable line, whatever was typed
    }

    void holds() {
        QString error;
        const auto drop =
            GateExpression::parse(QStringLiteral("plateau_tps < -5%"), kFigures, true, &error);
        QVERIFY(drop);
        QVERIFY(drop->holds(-5.1));
        QVERIFY(!drop->holds(-5.0));
        QVERIFY(!drop->holds(3.0));
        QVERIFY(!drop->holds(qQNaN())); // no figure: the condition does not hold
        const auto atLeast = GateExpression::parse(
            QStringLiteral("best_in_budget.concurrency >= 32"), kFigures, false, &error);
        QVERIFY(atLeast);
        QVERIFY(atLeast->holds(32));
        QVERIFY(!atLeast->holds(31.9));
    }
};

QTEST_GUILESS_MAIN(TestGateExpression)
#include "tst_gateexpression.moc"

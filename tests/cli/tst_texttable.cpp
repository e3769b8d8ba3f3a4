#include "cli/texttable.h"

#include <QTest>

class TestTextTable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void levelLeftFiguresRight() {
        const QList<QStringList> rows = {{QStringLiteral("level"), QStringLiteral("reqs")},
                                         {QStringLiteral("c=1"), QStringLiteral("12")},
                                         {QStringLiteral("c=16"), QStringLiteral("1,024")}};
        QCOMPARE(TextTable::render(rows), QStringLiteral("level   reqs\n"
                                                         "c=1       12\n"
                                                         "c=16   1,024\n"));
    }

    void leftLastColumnEndsWithoutSpaces() {
        using A = TextTable::Align;
        const QList<QStringList> rows = {
            {QStringLiteral("level"), QStringLiteral("n"), QStringLiteral("conversations")},
            {QStringLiteral("c=2"), QStringLiteral("3"), QStringLiteral("2 started")},
            {QString(), QStringLiteral("40"), QString()}};
        QCOMPARE(TextTable::render(rows, {A::Left, A::Right, A::Left}),
                 QStringLiteral("level   n  conversations\n"
                                "c=2     3  2 started\n"
                                "       40\n"));
    }

    void noRowsNoText() { QCOMPARE(TextTable::render({}), QString()); }
};

QTEST_GUILESS_MAIN(TestTextTable)
#include "tst_texttable.moc"

#include "common/headertext.h"

#include <QTest>

class TestHeaderText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void names() {
        QVERIFY(HeaderText::isValidName(QStringLiteral("X-Trace_1.a~")));
        for (const char* bad : {"", "Bad Header", "X:Y", "X\r\nY", "Ünï"})
            QVERIFY2(!HeaderText::isValidName(QString::fromUtf8(bad)), bad);
    }
    void values() {
        QVERIFY(HeaderText::isValidValue(QStringView(u"Bearer abc\tdef ünï")));
        QCOMPARE(HeaderText::valueProblem(u"a\r\nX-Evil: 1"), QStringLiteral("a line break (LF)"));
        QCOMPARE(HeaderText::valueProblem(u"a\rb"), QStringLiteral("a carriage return (CR)"));
        QCOMPARE(HeaderText::valueProblem(QStringView(u"a\0b", 3)),
                 QStringLiteral("a NUL character"));
        QCOMPARE(HeaderText::valueProblem(u"a\x1b[0m"), QStringLiteral("a control character"));
        QCOMPARE(HeaderText::valueProblem(u"ok value"), QString());
        QVERIFY(!HeaderText::isValidValue(QByteArrayView("a\nb")));
        QVERIFY(!HeaderText::isValidValue(QByteArrayView("a\x7f")));
        QVERIFY(HeaderText::isValidValue(QByteArrayView("caf\xc3\xa9")));
    }
};

QTEST_GUILESS_MAIN(TestHeaderText)
#include "tst_headertext.moc"

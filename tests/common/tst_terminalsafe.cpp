#include "common/terminalsafe.h"

#include <QTest>

class TestTerminalSafe : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void escapes_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("escaped");
        QTest::newRow("plain") << QStringLiteral("HTTP 500: overloaded (try later) ≈ 8 ms")
                               << QStringLiteral("HTTP 500: overloaded (try later) ≈ 8 ms");
        QTest::newRow("csi colour")
            << QStringLiteral("\x1b[31mred\x1b[0m") << QStringLiteral("\\x1b[31mred\\x1b[0m");
        QTest::newRow("osc title and bell")
            << QStringLiteral("\x1b]0;pwned\x07") << QStringLiteral("\\x1b]0;pwned\\x07");
        QTest::newRow("line breaks and tab")
            << QStringLiteral("a\r\nb\tc") << QStringLiteral("a\\r\\nb\\tc");
        QTest::newRow("backspace, NUL, DEL")
            << QString::fromUtf16(u"x\by\0z\x7f", 6) << QStringLiteral("x\\x08y\\x00z\\x7f");
        QTest::newRow("C1 CSI") << QString(QChar(0x9b)) + QStringLiteral("2J")
                                << QStringLiteral("\\u009b2J");
        QTest::newRow("bidi override")
            << QString::fromUtf16(u"txt.\u202Egnp") << QStringLiteral("txt.\\u202egnp");
        QTest::newRow("bidi isolates")
            << QString::fromUtf16(u"\u2066a\u2069") << QStringLiteral("\\u2066a\\u2069");
        QTest::newRow("line separator")
            << QString::fromUtf16(u"a\u2028b") << QStringLiteral("a\\u2028b");
        QTest::newRow("backslash kept") << QStringLiteral("C:\\path") << QStringLiteral("C:\\path");
    }
    void escapes() {
        QFETCH(QString, text);
        QFETCH(QString, escaped);
        QCOMPARE(TerminalSafe::escape(text), escaped);
        QCOMPARE(TerminalSafe::needsEscaping(text), text != escaped);
        // Escaping twice changes nothing: stored text can be escaped again when shown.
        QCOMPARE(TerminalSafe::escape(escaped), escaped);
    }
    void keepingLines() {
        QCOMPARE(TerminalSafe::escapeKeepingLines(QStringLiteral("a\n\tb\r\x1b[K")),
                 QStringLiteral("a\n\tb\\r\\x1b[K"));
    }
};

QTEST_GUILESS_MAIN(TestTerminalSafe)
#include "tst_terminalsafe.moc"

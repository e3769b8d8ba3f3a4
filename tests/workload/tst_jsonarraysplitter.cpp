#include "workload/jsonarraysplitter.h"

#include <QBuffer>
#include <QTest>

namespace {
using Status = JsonArraySplitter::Status;

struct Split {
    QList<Status> statuses;
    QList<QByteArray> elements;
    QString error;
    bool closed = false;
    bool trailing = false;
};

Split split(const QByteArray& data, qint64 maxElement = 1 << 20, qint64 maxTotal = -1) {
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    JsonArraySplitter splitter(&buffer, maxElement, maxTotal);
    Split result;
    QByteArray element;
    for (int guard = 0; guard < 10000; ++guard) {
        const Status status = splitter.next(&element);
        result.statuses.append(status);
        result.elements.append(element);
        if (status == Status::End || status == Status::Error)
            break;
    }
    result.error = splitter.errorString();
    result.closed = splitter.closed();
    result.trailing = splitter.trailingText();
    return result;
}
} // namespace

class TestJsonArraySplitter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void elements();
    void stringsHideBrackets();
    void emptyArrays();
    void byteOrderMarkAndSpace();
    void trailingCommaIsLenient();
    void scalarsAreElements();
    void tooLargeIsSkipped();
    void truncated();
    void unclosed();
    void notAnArray_data();
    void notAnArray();
    void missingComma();
    void trailingText();
    void elementsAcrossChunks();
    void totalCap();
    void positions();
};

void TestJsonArraySplitter::elements() {
    const Split s = split(R"([{"a":1}, {"b":[1,2,{"c":3}]} ,[5]])");
    QCOMPARE(s.statuses,
             (QList<Status>{Status::Element, Status::Element, Status::Element, Status::End}));
    QCOMPARE(s.elements[0], QByteArray(R"({"a":1})"));
    QCOMPARE(s.elements[1], QByteArray(R"({"b":[1,2,{"c":3}]})"));
    QCOMPARE(s.elements[2], QByteArray("[5]"));
    QVERIFY(s.closed);
    QVERIFY(!s.trailing);
}

void TestJsonArraySplitter::stringsHideBrackets() {
    const Split s = split(R"([{"v":"]},[{\"\\"}, {"w":"\\"}])");
    QCOMPARE(s.statuses.size(), 3);
    QCOMPARE(s.elements[0], QByteArray(R"({"v":"]},[{\"\\"})"));
    QCOMPARE(s.elements[1], QByteArray(R"({"w":"\\"})"));
}

void TestJsonArraySplitter::emptyArrays() {
    QCOMPARE(split("[]").statuses, QList<Status>{Status::End});
    QVERIFY(split("[ \n ]").closed);
}

void TestJsonArraySplitter::byteOrderMarkAndSpace() {
    const Split s = split("\xEF\xBB\xBF \r\n\t[ {} ]\n");
    QCOMPARE(s.statuses, (QList<Status>{Status::Element, Status::End}));
    QCOMPARE(s.elements[0], QByteArray("{}"));
}

void TestJsonArraySplitter::trailingCommaIsLenient() {
    const Split s = split("[{}, {},]");
    QCOMPARE(s.statuses, (QList<Status>{Status::Element, Status::Element, Status::End}));
    QVERIFY(s.closed);
}

void TestJsonArraySplitter::scalarsAreElements() {
    // The splitter finds boundaries; whether an element is a usable entry is the parser's call.
    const Split s = split(R"([12, "x,]", true , nul])");
    QCOMPARE(s.elements.mid(0, 4), (QList<QByteArray>{"12", R"("x,]")", "true", "nul"}));
    QCOMPARE(s.statuses.last(), Status::End);
}

void TestJsonArraySplitter::tooLargeIsSkipped() {
    const QByteArray big = "{\"v\":\"" + QByteArray(5000, 'x') + "\"}";
    const Split s = split("[{\"a\":1}," + big + ",{\"b\":2}]", 1024);
    QCOMPARE(s.statuses,
             (QList<Status>{Status::Element, Status::TooLarge, Status::Element, Status::End}));
    QVERIFY(s.elements[1].isEmpty());
    QCOMPARE(s.elements[2], QByteArray("{\"b\":2}"));
}

void TestJsonArraySplitter::truncated() {
    const Split s = split(R"([{"a":1}, {"b": "cut)");
    QCOMPARE(s.statuses, (QList<Status>{Status::Element, Status::Truncated, Status::End}));
    QVERIFY(!s.closed);
}

void TestJsonArraySplitter::unclosed() {
    const Split s = split("[{}, {}");
    QCOMPARE(s.statuses, (QList<Status>{Status::Element, Status::Element, Status::End}));
    QVERIFY(!s.closed);
    QVERIFY(s.error.isEmpty());
}

void TestJsonArraySplitter::notAnArray_data() {
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");
    QTest::addRow("empty") << QByteArray() << QStringLiteral("the file is empty");
    QTest::addRow("spaces") << QByteArray(" \n ") << QStringLiteral("the file is empty");
    QTest::addRow("object") << QByteArray("  {\"a\":1}")
                            << QStringLiteral("byte 2: expected '[' to open the list of entries");
    QTest::addRow("leading comma")
        << QByteArray("[,{}]") << QStringLiteral("byte 1: an entry is missing before ','");
}

void TestJsonArraySplitter::notAnArray() {
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    const Split s = split(data);
    QCOMPARE(s.statuses.last(), Status::Error);
    QCOMPARE(s.error, error);
}

void TestJsonArraySplitter::missingComma() {
    const Split s = split("[{} {}]");
    QCOMPARE(s.statuses, (QList<Status>{Status::Element, Status::Error}));
    QCOMPARE(s.error, QStringLiteral("byte 4: expected ',' or ']' after entry 1"));
}

void TestJsonArraySplitter::trailingText() {
    const Split s = split("[{}] garbage");
    QCOMPARE(s.statuses.last(), Status::End);
    QVERIFY(s.trailing);
}

void TestJsonArraySplitter::elementsAcrossChunks() {
    // Elements straddle the 64 KiB read chunks at every kind of position.
    QByteArray data = "[";
    QList<QByteArray> expected;
    for (int i = 0; i < 300; ++i) {
        const QByteArray element = "{\"i\":" + QByteArray::number(i) + ",\"v\":\"" +
                                   QByteArray(997 + i * 7 % 1500, char('a' + i % 26)) + "\\\"]\"}";
        expected.append(element);
        data += (i ? "," : "") + element;
    }
    data += "]";
    const Split s = split(data);
    QCOMPARE(s.elements.size(), 301);
    QCOMPARE(s.elements.mid(0, 300), expected);
}

void TestJsonArraySplitter::totalCap() {
    QByteArray data = "[";
    for (int i = 0; i < 2000; ++i)
        data += "{\"v\":\"" + QByteArray(100, 'x') + "\"},";
    data += "{}]";
    const Split s = split(data, 1 << 20, 100 * 1024);
    QCOMPARE(s.statuses.last(), Status::Error);
    QCOMPARE(s.error, QStringLiteral("larger than the 100 KiB cap for a file"));
    QVERIFY(s.statuses.size() > 100); // what came before the cap was delivered
}

void TestJsonArraySplitter::positions() {
    QBuffer buffer;
    buffer.setData("[ {\"a\":1},\n  [2,3] ]");
    buffer.open(QIODevice::ReadOnly);
    JsonArraySplitter splitter(&buffer, 1024);
    QByteArray element;
    QCOMPARE(splitter.next(&element), Status::Element);
    QCOMPARE(splitter.elementNumber(), 1);
    QCOMPARE(splitter.elementOffset(), 2);
    QCOMPARE(splitter.elementSize(), 7);
    QCOMPARE(splitter.next(&element), Status::Element);
    QCOMPARE(splitter.elementNumber(), 2);
    QCOMPARE(splitter.elementOffset(), 13);
    QCOMPARE(splitter.next(&element), Status::End);
    QCOMPARE(splitter.bytesRead(), 20);
}

QTEST_GUILESS_MAIN(TestJsonArraySplitter)
#include "tst_jsonarraysplitter.moc"

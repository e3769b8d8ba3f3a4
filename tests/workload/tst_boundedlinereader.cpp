#include "workload/boundedlinereader.h"

#include <QBuffer>
#include <QTest>

namespace {
using Status = BoundedLineReader::Status;

struct Lines {
    QList<Status> statuses;
    QList<QByteArray> lines;
    QList<qint64> numbers;
    QString error;
    qint64 bytes = 0;
};

Lines readAll(const QByteArray& data, qint64 maxLine = 16, qint64 maxTotal = -1) {
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    BoundedLineReader reader(&buffer, maxLine, maxTotal);
    Lines result;
    QByteArray line;
    for (int guard = 0; guard < 10000; ++guard) {
        const Status status = reader.next(&line);
        if (status == Status::End || status == Status::Error) {
            result.statuses.append(status);
            break;
        }
        result.statuses.append(status);
        result.lines.append(line);
        result.numbers.append(reader.lineNumber());
    }
    result.error = reader.errorString();
    result.bytes = reader.bytesRead();
    return result;
}
} // namespace

class TestBoundedLineReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lines();
    void lineEndsAndByteOrderMark();
    void tooLongLinesAreSkipped();
    void exactlyAtTheCap();
    void totalCap();
};

void TestBoundedLineReader::lines() {
    const Lines l = readAll("one\ntwo\n\nthree");
    QCOMPARE(l.lines, (QList<QByteArray>{"one", "two", "", "three"}));
    QCOMPARE(l.numbers, (QList<qint64>{1, 2, 3, 4}));
    QCOMPARE(l.statuses.last(), Status::End);
    QCOMPARE(l.bytes, 14);
}

void TestBoundedLineReader::lineEndsAndByteOrderMark() {
    const Lines l = readAll("\xEF\xBB\xBF"
                            "a\r\nb\r\n");
    QCOMPARE(l.lines, (QList<QByteArray>{"a", "b"}));
}

void TestBoundedLineReader::tooLongLinesAreSkipped() {
    const QByteArray longLine(100, 'x');
    const Lines l = readAll("short\n" + longLine + "\nafter\n" + longLine);
    QCOMPARE(l.statuses, (QList<Status>{Status::Line, Status::TooLong, Status::Line,
                                        Status::TooLong, Status::End}));
    QCOMPARE(l.lines[2], QByteArray("after"));
    QCOMPARE(l.numbers, (QList<qint64>{1, 2, 3, 4}));
    QVERIFY(l.lines[1].isEmpty());
}

void TestBoundedLineReader::exactlyAtTheCap() {
    const QByteArray sixteen(16, 'y');
    QCOMPARE(readAll(sixteen + "\r\n" + sixteen + "z\n").statuses,
             (QList<Status>{Status::Line, Status::TooLong, Status::End}));
    QCOMPARE(readAll(sixteen).lines, QList<QByteArray>{sixteen});
}

void TestBoundedLineReader::totalCap() {
    QByteArray data;
    for (int i = 0; i < 500; ++i)
        data += "line\n";
    const Lines l = readAll(data, 16, 1024);
    QCOMPARE(l.statuses.last(), Status::Error);
    QCOMPARE(l.error, QStringLiteral("larger than the 1 KiB cap for a file"));
}

QTEST_GUILESS_MAIN(TestBoundedLineReader)
#include "tst_boundedlinereader.moc"

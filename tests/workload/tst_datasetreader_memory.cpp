// A large ShareGPT file is streamed: the reader's memory stays far below the file's size.
// A memory bound, not a timing one: peak RSS growth over the read, from /proc/self/status.
#include "workload/datasetreader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr qint64 kFileBytes = 50ll << 20;

// VmHWM / VmRSS in KiB, or -1 when the kernel does not say.
qint64 statusKiB(const char* field) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Sets the peak (VmHWM) back to the current RSS (Linux >= 4.0), so earlier allocations of
// the test itself do not hide the reader's peak.
bool resetPeak() {
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

// ~2 KB per entry: a two-turn conversation, written chunk by chunk.
bool writeShareGpt(const QString& path, qint64* entries) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write("[\n");
    qint64 n = 0;
    const QByteArray words = QByteArray("lorem ipsum dolor sit amet ").repeated(12);
    while (file.size() < kFileBytes) {
        QByteArray chunk;
        for (int i = 0; i < 500; ++i, ++n) {
            chunk += (n ? ",\n" : "") + QByteArray(R"({"id": ")") + QByteArray::number(n) +
                     R"(", "conversations": [{"from": "human", "value": ")" + words +
                     QByteArray::number(n) + R"("}, {"from": "gpt", "value": ")" + words + words +
                     R"("}, {"from": "human", "value": "and then?"}, )" +
                     R"({"from": "gpt", "value": ")" + words + words + words + R"("}]})";
        }
        file.write(chunk);
    }
    file.write("\n]\n");
    *entries = n;
    return true;
}
} // namespace

class TestDatasetReaderMemory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void largeFileStreamsInBoundedMemory();
};

void TestDatasetReaderMemory::largeFileStreamsInBoundedMemory() {
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("under AddressSanitizer RSS includes its quarantine of freed memory");
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    QSKIP("under AddressSanitizer RSS includes its quarantine of freed memory");
#endif
#endif
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("big.json"));
    qint64 entries = 0;
    QVERIFY(writeShareGpt(path, &entries));
    const qint64 fileBytes = QFileInfo(path).size();
    QVERIFY(fileBytes >= kFileBytes);

    DatasetReadOptions options;
    options.sampleCount = 1000;
    options.seed = 5;
    const bool reset = resetPeak();
    const qint64 before = reset ? statusKiB("VmRSS:") : statusKiB("VmHWM:");
    if (before < 0)
        QSKIP("/proc/self/status has no VmHWM here");
    const DatasetLoadResult r = DatasetReader::readFile(path, options);
    const qint64 peak = statusKiB("VmHWM:");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.usableEntries, entries);
    QCOMPARE(r.entries.size(), 1000);
    QCOMPARE(r.promptWords.size(), entries);
    QCOMPARE(r.bytesRead, fileBytes);

    const qint64 growthBytes = (peak - before) * 1024;
    qInfo("file %lld MiB, %lld entries, peak RSS growth %lld KiB (peak reset: %s)", fileBytes >> 20,
          entries, peak - before, reset ? "yes" : "no");
    QVERIFY2(growthBytes < fileBytes / 4,
             qPrintable(QStringLiteral("peak RSS grew by %1 KiB reading a %2 KiB file")
                            .arg(peak - before)
                            .arg(fileBytes / 1024)));
}

QTEST_GUILESS_MAIN(TestDatasetReaderMemory)
#include "tst_datasetreader_memory.moc"

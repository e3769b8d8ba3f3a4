#include "resultfixtures.h"
#include "results/csvexporter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {
// A strict RFC 4180 reader, so the test checks the format rather than trusting it.
QList<QStringList> parseCsv(const QString& text, bool* ok) {
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool fieldWasQuoted = false;
    *ok = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            if (!field.isEmpty() || fieldWasQuoted)
                *ok = false; // a quote inside an unquoted field
            quoted = fieldWasQuoted = true;
        } else if (c == QLatin1Char(',')) {
            row.append(field);
            field.clear();
            fieldWasQuoted = false;
        } else if (c == QLatin1Char('\r')) {
            if (i + 1 >= text.size() || text.at(i + 1) != QLatin1Char('\n'))
                *ok = false; // bare CR
            row.append(field);
            rows.append(row);
            row.clear();
            field.clear();
            fieldWasQuoted = false;
            ++i;
        } else if (c == QLatin1Char('\n')) {
            *ok = false; // bare LF outside quotes
        } else {
            field += c;
        }
    }
    if (quoted || !field.isEmpty() || !row.isEmpty())
        *ok = false; // the last record must end with CRLF
    return rows;
}
} // namespace

class TestCsvExporter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void calibrationProbesAreNotExported();
    void quoting_data();
    void quoting();
    void oneRowPerRequest();
    void valuesAndEmptyCells();
    void formulaTextIsInert();
    void saveWritesFile();
    void costColumns();
    void serverTimingColumns();
};

void TestCsvExporter::quoting_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("abc");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
    QTest::newRow("cr") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
    QTest::newRow("spaces kept") << QStringLiteral(" a ") << QStringLiteral(" a ");
}

void TestCsvExporter::quoting() {
    QFETCH(QString, field);
    QFETCH(QString, expected);
    QCOMPARE(CsvExporter::quoteField(field), expected);
}

void TestCsvExporter::oneRowPerRequest() {
    const RunResult run = ResultFixtures::twoLevelRun();
    bool ok = false;
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(CsvExporter::toCsv(run)), &ok);
    QVERIFY(ok);
    QCOMPARE(rows.size(), run.records.size() + 1);
    QCOMPARE(rows.at(0), CsvExporter::columns());
    for (const QStringList& row : rows)
        QCOMPARE(row.size(), CsvExporter::columns().size());
    // The failure's message (quote, comma, newline) comes back intact.
    const qsizetype messageColumn = CsvExporter::columns().indexOf(QStringLiteral("error_message"));
    QCOMPARE(rows.last().at(messageColumn), run.records.last().errorMessage);
}

void TestCsvExporter::valuesAndEmptyCells() {
    const RunResult run = ResultFixtures::twoLevelRun();
    bool ok = false;
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(CsvExporter::toCsv(run)), &ok);
    QVERIFY(ok);
    auto cell = [&](int row, const char* column) {
        return rows.at(row).at(CsvExporter::columns().indexOf(QLatin1String(column)));
    };
    // Row 2 = records[1]: level 0 (c=1), sent 90 ms after the start, ttft 20 ms, 10 tokens.
    QCOMPARE(cell(2, "id"), QStringLiteral("2"));
    QCOMPARE(cell(2, "level"), QStringLiteral("0"));
    QCOMPARE(cell(2, "concurrency"), QStringLiteral("1"));
    QCOMPARE(cell(2, "rate"), QString());
    QCOMPARE(cell(2, "warmup"), QStringLiteral("false"));
    QCOMPARE(cell(1, "warmup"), QStringLiteral("true"));
    QCOMPARE(cell(2, "t_send_ms"), QStringLiteral("90"));
    QCOMPARE(cell(2, "queue_ms"), QStringLiteral("0.25"));
    QCOMPARE(cell(2, "ttft_ms"), QStringLiteral("20"));
    QCOMPARE(cell(2, "tpot_ms"), QStringLiteral("5.000007"));
    QCOMPARE(cell(2, "content_events"), QStringLiteral("10"));
    QCOMPARE(cell(2, "output_tokens_source"), QStringLiteral("usage"));
    QCOMPARE(cell(2, "itl_ms").split(QLatin1Char(' ')).size(), 9);
    QCOMPARE(cell(2, "itl_ms").split(QLatin1Char(' ')).first(), QStringLiteral("5.000007"));
    // The failure: no TTFT, no TPOT, no e2e -> empty cells, never "nan" or 0.
    const int last = int(rows.size()) - 1;
    QCOMPARE(cell(last, "ttft_ms"), QString());
    QCOMPARE(cell(last, "tpot_ms"), QString());
    QCOMPARE(cell(last, "e2e_ms"), QString());
    QCOMPARE(cell(last, "itl_ms"), QString());
    QCOMPARE(cell(last, "error"), QStringLiteral("http_5xx"));
    QCOMPARE(cell(last, "http_status"), QStringLiteral("503"));
}

void TestCsvExporter::formulaTextIsInert() {
    RunResult run = ResultFixtures::twoLevelRun();
    run.records.last().errorMessage = QStringLiteral("=HYPERLINK(\"http://x\")");
    bool ok = false;
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(CsvExporter::toCsv(run)), &ok);
    QVERIFY(ok);
    const qsizetype column = CsvExporter::columns().indexOf(QStringLiteral("error_message"));
    QCOMPARE(rows.last().at(column), QStringLiteral("'=HYPERLINK(\"http://x\")"));
}

void TestCsvExporter::saveWritesFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.csv"));
    const RunResult run = ResultFixtures::twoLevelRun();
    QString error;
    QVERIFY2(CsvExporter::save(run, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), CsvExporter::toCsv(run));
    QVERIFY(!CsvExporter::save(run, dir.filePath(QStringLiteral("missing/dir/r.csv")), &error));
    QVERIFY2(error.contains(QStringLiteral(": cannot save: ")), qPrintable(error));
}

void TestCsvExporter::costColumns() {
    RunResult run = ResultFixtures::twoLevelRun();
    auto cell = [](const QList<QStringList>& rows, int row, const char* column) {
        return rows.at(row).at(CsvExporter::columns().indexOf(QLatin1String(column)));
    };
    bool ok = false;
    QList<QStringList> rows = parseCsv(QString::fromUtf8(CsvExporter::toCsv(run)), &ok);
    QVERIFY(ok);
    for (const char* column : {"cost", "cost_currency"})
        QCOMPARE(cell(rows, 2, column), QString()); // no price: empty

    // Per-token price: input x price_in + output x price_out, per million.
    run.profile.endpoints[0].price.inputPerMtok = 0.5;
    run.profile.endpoints[0].price.outputPerMtok = 2.0;
    run.profile.endpoints[0].price.currency = QStringLiteral("EUR");
    rows = parseCsv(QString::fromUtf8(CsvExporter::toCsv(run)), &ok);
    QVERIFY(ok);
    const RequestRecord r = run.records.at(1);
    const double expected = (r.inputTokens * 0.5 + r.outputTokens * 2.0) / 1e6;
    QVERIFY(expected > 0);
    QVERIFY2(qFuzzyCompare(cell(rows, 2, "cost").toDouble(), expected),
             qPrintable(cell(rows, 2, "cost")));
    QCOMPARE(cell(rows, 2, "cost_currency"), QStringLiteral("EUR"));
    const int last = int(rows.size()) - 1; // the failure: what it was billed is unknown
    QCOMPARE(cell(rows, last, "cost"), QString());

    // Per hour: no per-request share of the hour (METRICS.md "Cost").
    run.profile.endpoints[0].price = EndpointPrice{};
    run.profile.endpoints[0].price.perHour = 12.0;
    rows = parseCsv(QString::fromUtf8(CsvExporter::toCsv(run)), &ok);
    QVERIFY(ok);
    QCOMPARE(cell(rows, 2, "cost"), QString());
}

void TestCsvExporter::serverTimingColumns() {
    RunResult run = ResultFixtures::twoLevelRun();
    QList<RequestRecord> records = run.records;
    records[1].serverPromptEvalNs = 18'500'000; // Ollama's own timings (issue 14)
    records[1].serverEvalNs = 40'250'000;
    records[1].serverTotalNs = 60'000'000;
    records[1].serverLoadNs = 125'000;
    run.records = records;
    bool ok = false;
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(CsvExporter::toCsv(run)), &ok);
    QVERIFY(ok);
    auto cell = [&](int row, const char* column) {
        return rows.at(row).at(CsvExporter::columns().indexOf(QLatin1String(column)));
    };
    QCOMPARE(cell(2, "server_prompt_eval_ms"), QStringLiteral("18.5"));
    QCOMPARE(cell(2, "server_eval_ms"), QStringLiteral("40.25"));
    QCOMPARE(cell(2, "server_total_ms"), QStringLiteral("60"));
    QCOMPARE(cell(2, "server_load_ms"), QStringLiteral("0.125"));
    QCOMPARE(cell(3, "server_eval_ms"), QString()); // not reported: empty, never 0
}

void TestCsvExporter::calibrationProbesAreNotExported() {
    // The probes (level -1, one failed) would distort the per-request figures.
    const RunResult run = ResultFixtures::withSummary(ResultFixtures::twoLevelRun());
    const RunResult calibrated = ResultFixtures::withCalibration(run);
    QCOMPARE(CsvExporter::toCsv(calibrated), CsvExporter::toCsv(run));
}

QTEST_GUILESS_MAIN(TestCsvExporter)
#include "tst_csvexporter.moc"

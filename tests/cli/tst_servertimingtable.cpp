// The server's own timings beside the client's (issue 14, Ollama): one row per level with the
// medians over the same successful measured requests; nothing for a run without them.
#include "cli/servertimingtable.h"

#include <QTest>

namespace {
constexpr qint64 kMs = 1'000'000;

// A successful request: TTFT ttftMs, `tokens` tokens tpotMs apart, and the
// server's timings (ms) as Ollama reports them.
RequestRecord request(int level, double ttftMs, double tpotMs, int tokens, double promptEvalMs,
                      double evalMs) {
    RequestRecord r;
    r.level = level;
    r.tSendNs = 1000 * kMs;
    r.tFirstContentNs = r.tSendNs + qint64(ttftMs * kMs);
    for (int i = 0; i < tokens; ++i)
        r.contentEventNs.append(r.tFirstContentNs + qint64(i * tpotMs * kMs));
    r.tLastContentNs = r.contentEventNs.last();
    r.tEndNs = r.tLastContentNs;
    r.outputTokens = tokens;
    r.outputTokensSource = TokenSource::Usage;
    r.finishReason = QStringLiteral("length");
    r.serverLoadNs = 0;
    r.serverPromptEvalNs = qint64(promptEvalMs * kMs);
    r.serverEvalNs = qint64(evalMs * kMs);
    r.serverTotalNs = r.serverPromptEvalNs + r.serverEvalNs + kMs;
    return r;
}

RunResult run() {
    RunResult result;
    LevelSummary level;
    level.index = 0;
    level.concurrency = 4;
    result.summary.levels = {level};
    // Medians: TTFT 30, prompt eval 20, TPOT 10, server TPOT 9 = 90 / (11 - 1).
    result.records.append(request(0, 25, 9, 11, 18, 80));
    result.records.append(request(0, 30, 10, 11, 20, 90));
    result.records.append(request(0, 40, 11, 11, 25, 100));
    RequestRecord warm = request(0, 900, 90, 11, 900, 900); // warm-up: left out
    warm.warmup = true;
    result.records.append(warm);
    RequestRecord failed = request(0, 900, 90, 11, 900, 900); // failed: left out
    failed.error = ErrorClass::Reset;
    result.records.append(failed);
    return result;
}
} // namespace

class TestServerTimingTable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mediansBesideTheClients() {
        const QString text = ServerTimingTable::render(run());
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(0).contains(QStringLiteral("eval_duration / (eval_count - 1)")),
                 qPrintable(text));
        const QStringList cells = lines.at(2).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        // level, reqs, TTFT, prompt eval, load, TPOT, server TPOT, e2e, server total
        QCOMPARE(cells, (QStringList{
                            QStringLiteral("c=4"), QStringLiteral("3"), QStringLiteral("30"),
                            QStringLiteral("20"), QStringLiteral("0.0"), QStringLiteral("10"),
                            QStringLiteral("9.0"), QStringLiteral("130"), QStringLiteral("111")}));
    }

    void emptyWithoutServerTimings() {
        RunResult result = run();
        QList<RequestRecord> records = result.records;
        for (RequestRecord& r : records)
            r.serverTotalNs = r.serverLoadNs = r.serverPromptEvalNs = r.serverEvalNs = -1;
        result.records = records;
        QCOMPARE(ServerTimingTable::render(result), QString());
    }
};

QTEST_GUILESS_MAIN(TestServerTimingTable)
#include "tst_servertimingtable.moc"

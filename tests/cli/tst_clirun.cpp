// End to end: `plateau-cli run` against `plateau-cli sim` (both real processes), checked
// against the simulator's ground truth. One sweep (c = 1, 4, 16; 32 requests of 32 tokens
// per level) is run in
// initTestCase and each test looks at one aspect of it, which keeps the suite fast on a
// 2-core CI machine.
//
// Tolerances (generous on purpose: CI is a busy 2-core machine, maybe under ASan):
//  - first content seen by the client vs the simulator's first-token send time: never
//    earlier than 0.5 ms before it (same clock), p50 <= 10 ms, p95 <= 50 ms later;
//  - TTFT p50: within 10 ms + 10% of the simulator's (first token - arrival) p50;
//  - TPOT p50: within max(1 ms, 10%) of the simulator's per-request TPOT p50;
//  - level throughput (all tokens / wall): within 10% of the simulator's tokens over its
//    own first-arrival..last-token span; token counts: exact.
#include "cliprocess.h"
#include "groundtruth.h"
#include "results/journalreader.h"
#include "simprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

namespace {
const QList<int> kLevels = {1, 4, 16};
constexpr int kRequestsPerLevel = 32;
// 32 tokens at >= 4 ms a step: each stream lasts >= 128 ms, twice the client's 60 ms ramp at
// c=16, so all 16 overlap however the ramp timers slip.
constexpr int kOutputTokens = 32;

QJsonObject readJsonObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

double truthTpotMs(const SimRequestTruth& t) {
    return t.tokensSent > 1 ? double(t.lastTokenNs - t.firstTokenNs) / 1e6 / (t.tokensSent - 1)
                            : NAN;
}
} // namespace

class TestCliRun : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    SimProcess m_sim;
    CliRun m_run;
    double m_elapsedS = 0.0;
    QJsonObject m_results;
    std::optional<RunResult> m_journal;
    QList<SimRequestTruth> m_truth;
    QJsonObject m_stats;

    QString path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)); }

    QList<RequestRecord> recordsOf(int level) const {
        QList<RequestRecord> out;
        for (const RequestRecord& r : m_journal->records)
            if (r.level == level)
                out.append(r);
        return out;
    }
    QList<SimRequestTruth> truthOf(int level) const {
        qint64 from = std::numeric_limits<qint64>::max();
        qint64 to = 0;
        for (const RequestRecord& r : recordsOf(level)) {
            from = std::min(from, r.tSendNs);
            to = std::max(to, r.tEndNs);
        }
        return GroundTruth::arrivedWithin(m_truth, from, to);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QString error;
        // A faster decode step than the default keeps c=1 short (32 requests in ~2 s).
        QVERIFY2(m_sim.start({QStringLiteral("--set"), QStringLiteral("decode_base_ms=4"),
                              QStringLiteral("--set"), QStringLiteral("decode_per_seq_ms=0.05"),
                              QStringLiteral("--set"), QStringLiteral("max_batch=64")},
                             &error),
                 qPrintable(error));
        const QStringList args = {QStringLiteral("run"),
                                  QStringLiteral("--url"),
                                  m_sim.baseUrl().toString() + QStringLiteral("/v1"),
                                  QStringLiteral("--model"),
                                  QStringLiteral("plateau-sim"),
                                  QStringLiteral("--concurrency"),
                                  QStringLiteral("1,4,16"),
                                  QStringLiteral("--requests-per-level"),
                                  QString::number(kRequestsPerLevel),
                                  QStringLiteral("--input-tokens"),
                                  QStringLiteral("32"),
                                  QStringLiteral("--output-tokens"),
                                  QString::number(kOutputTokens),
                                  QStringLiteral("--budget"),
                                  QStringLiteral("ttft:p95<=60000"),
                                  QStringLiteral("--journal"),
                                  path("run.jsonl"),
                                  QStringLiteral("--out"),
                                  path("results.json"),
                                  QStringLiteral("--csv"),
                                  path("requests.csv"),
                                  QStringLiteral("--vllm-json"),
                                  path("vllm.json"),
                                  QStringLiteral("--vllm-dir"),
                                  path("vllm")};
        QElapsedTimer elapsed;
        elapsed.start();
        m_run = CliProcess::run(args, m_dir.path(), 120000);
        m_elapsedS = double(elapsed.elapsed()) / 1000.0;
        QVERIFY2(m_run.exitCode == 0, qPrintable(m_run.describe()));
        m_results = readJsonObject(path("results.json"));
        QVERIFY2(!m_results.isEmpty(), "results.json missing or not JSON");
        QString warning;
        m_journal = JournalReader::read(path("run.jsonl"), &error, &warning);
        QVERIFY2(m_journal.has_value(), qPrintable(error));
        const auto truth = m_sim.get(QStringLiteral("/sim/requests"), &error);
        QVERIFY2(truth.has_value(), qPrintable(error));
        m_truth = GroundTruth::parse(*truth);
        const auto stats = m_sim.get(QStringLiteral("/sim/stats"), &error);
        QVERIFY2(stats.has_value(), qPrintable(error));
        m_stats = stats->object();
    }
    void cleanupTestCase() { QCOMPARE(m_sim.stop(), 0); }

    void printsSummaryTable() {
        const QString out = m_run.outText();
        QVERIFY2(out.contains(QLatin1String("out tok/s")) &&
                     out.contains(QLatin1String("TTFT p95")),
                 qPrintable(out));
        for (int c : kLevels)
            QVERIFY2(out.contains(QStringLiteral("\nc=%1 ").arg(c)), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("plateau")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("best within budget: c=")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("Wrote results: ") + path("results.json")),
                 qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("journal: ") + path("run.jsonl")), qPrintable(out));
    }
    void progressLinesOnStderr() {
        // stderr is a pipe here, not a terminal: plain lines (no carriage-return rewrites)
        // at a low rate. The c=1 level alone lasts >= 4 s (32 x 32 tokens at >= 4 ms a
        // step), so the once-a-second progress line is printed at least once.
        const QString err = m_run.errText();
        QVERIFY2(!err.contains(QLatin1Char('\r')), qPrintable(err));
        QVERIFY2(err.contains(QLatin1String("Journal: ")), qPrintable(err));
        const QStringList lines = err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        int progress = 0;
        for (const QString& line : lines) {
            if (!line.startsWith(QLatin1String("level ")))
                continue;
            ++progress;
            for (const char* part : {"/3 c=", " req | ", " tok/s | ", " errors", "| ETA "})
                QVERIFY2(line.contains(QLatin1String(part)), qPrintable(line));
        }
        QVERIFY2(progress >= 1, qPrintable(err));
        // Far fewer lines than a 5 Hz terminal refresh would give over the whole run.
        QVERIFY2(progress <= 2 + int(m_elapsedS * 2), qPrintable(err));
        // One permanent line per finished level.
        for (int c : kLevels)
            QVERIFY2(err.contains(QStringLiteral("c=%1 done: ").arg(c)), qPrintable(err));
    }
    void resultsFileHasEveryFieldOfTheIssue() {
        // The lists of the engine issue ("Results — nothing lost") in docs/METRICS.md's names.
        for (const char* field : {"schema", "tool_version", "started_at", "profile", "levels",
                                  "requests", "plateau", "best_in_budget"})
            QVERIFY2(m_results.contains(QLatin1String(field)), field);
        QVERIFY(!m_results.value(QLatin1String("started_at")).toString().isEmpty());
        QVERIFY(!m_results.value(QLatin1String("tool_version")).toString().isEmpty());
        const QJsonObject level =
            m_results.value(QLatin1String("levels")).toArray().first().toObject();
        for (const char* field :
             {"concurrency", "requests", "errors", "output_throughput_tps",
              "output_throughput_total_tps", "request_throughput_rps", "input_throughput_tps",
              "achieved_concurrency", "goodput_rps", "client_cpu_s", "event_loop_lag_p99_ms",
              "client_bound", "max_queue_ms", "little_law_mismatch"})
            QVERIFY2(level.contains(QLatin1String(field)), field);
        QVERIFY(level.value(QLatin1String("errors")).isObject());
        for (const char* latency : {"ttft_ms", "tpot_ms", "e2e_ms", "itl_ms", "queue_ms"}) {
            const QJsonObject stats = level.value(QLatin1String(latency)).toObject();
            for (const char* stat : {"mean", "std", "min", "max", "p50", "p90", "p95", "p99"})
                QVERIFY2(stats.value(QLatin1String(stat)).isDouble(),
                         qPrintable(QStringLiteral("%1.%2").arg(QLatin1String(latency),
                                                                QLatin1String(stat))));
        }
        const QJsonObject request =
            m_results.value(QLatin1String("requests")).toArray().first().toObject();
        for (const char* field :
             {"level", "t_send_ms", "ttfb_ms", "ttft_ms", "ttfe_ms", "tpot_ms", "e2e_ms", "itl_ms",
              "output_tokens", "output_tokens_source", "input_tokens", "input_tokens_source",
              "queue_ms", "error", "error_message"})
            QVERIFY2(request.contains(QLatin1String(field)), field);
        QCOMPARE(request.value(QLatin1String("output_tokens_source")).toString(),
                 QStringLiteral("usage"));
        QVERIFY(request.value(QLatin1String("itl_ms")).isArray());
        const QJsonObject plateau = m_results.value(QLatin1String("plateau")).toObject();
        for (const char* field : {"plateau_tps", "plateaued", "knee_concurrency"})
            QVERIFY2(plateau.contains(QLatin1String(field)), field);
        // Secrets stripped: the profile names where a key comes from, never a key.
        const QJsonObject endpoint = m_results.value(QLatin1String("profile"))
                                         .toObject()
                                         .value(QLatin1String("endpoints"))
                                         .toArray()
                                         .first()
                                         .toObject();
        QVERIFY(endpoint.value(QLatin1String("api_key")).toString().isEmpty());
    }
    void resultsFileHasTheSchema() {
        QCOMPARE(m_results.value(QLatin1String("schema")).toString(),
                 QStringLiteral("plateau.results/1"));
        QVERIFY(m_results.value(QLatin1String("profile")).isObject());
        const QJsonArray levels = m_results.value(QLatin1String("levels")).toArray();
        QCOMPARE(levels.size(), kLevels.size());
        int total = 0;
        for (int i = 0; i < levels.size(); ++i) {
            const QJsonObject l = levels.at(i).toObject();
            QCOMPARE(l.value(QLatin1String("concurrency")).toInt(), kLevels.at(i));
            QCOMPARE(l.value(QLatin1String("requests")).toInt(), kRequestsPerLevel);
            QVERIFY(l.value(QLatin1String("output_throughput_tps")).toDouble() > 0);
            QVERIFY(l.value(QLatin1String("ttft_ms")).toObject().contains(QLatin1String("p99")));
            total += l.value(QLatin1String("requests")).toInt();
        }
        const QJsonArray requests = m_results.value(QLatin1String("requests")).toArray();
        QCOMPARE(requests.size(), total);
        for (const QJsonValue& v : requests) {
            const QJsonObject r = v.toObject();
            for (const char* field :
                 {"level", "t_send_ms", "ttft_ms", "tpot_ms", "e2e_ms", "output_tokens"})
                QVERIFY2(r.contains(QLatin1String(field)), field);
            QCOMPARE(r.value(QLatin1String("output_tokens")).toInt(), kOutputTokens);
        }
        const QJsonObject plateau = m_results.value(QLatin1String("plateau")).toObject();
        QVERIFY(plateau.value(QLatin1String("plateau_tps")).toDouble() > 0);
        QVERIFY(m_results.contains(QLatin1String("best_in_budget")));
    }
    void everyRequestReachedTheSimulator() {
        for (int level = 0; level < kLevels.size(); ++level) {
            const QList<RequestRecord> records = recordsOf(level);
            const QList<SimRequestTruth> truths = truthOf(level);
            QCOMPARE(records.size(), kRequestsPerLevel);
            QCOMPARE(truths.size(), records.size());
            qint64 clientTokens = 0;
            qint64 simTokens = 0;
            for (const RequestRecord& r : records) {
                QVERIFY2(r.ok(), qPrintable(r.error + QLatin1Char(' ') + r.errorMessage));
                clientTokens += r.outputTokens;
            }
            for (const SimRequestTruth& t : truths) {
                QVERIFY(t.fault.isEmpty());
                simTokens += t.tokensSent;
            }
            QCOMPARE(clientTokens, simTokens);
        }
    }
    void inFlightEqualsConcurrency() {
        for (int level = 0; level < kLevels.size(); ++level)
            QCOMPARE(GroundTruth::maxOverlap(truthOf(level)), kLevels.at(level));
        QCOMPARE(m_stats.value(QLatin1String("max_in_flight")).toInt(), kLevels.last());
    }
    void inFlightEqualsConcurrencyAt256() {
        // Its own simulator, so /sim/stats' maximum belongs to this run alone. Qt queues
        // requests beyond 6 per connection pool: only spreading them out gives 256.
        // The client staggers worker starts over up to 1 s, so each request lasts longer
        // than that (96 tokens at 20 + 0.03 x 256 = ~28 ms a step: ~2.7 s) and all 256
        // overlap. The step is set here, not taken from the defaults, which may change.
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start({QStringLiteral("--set"), QStringLiteral("max_batch=256"),
                            QStringLiteral("--set"), QStringLiteral("decode_base_ms=20"),
                            QStringLiteral("--set"), QStringLiteral("decode_per_seq_ms=0.03")},
                           &error),
                 qPrintable(error));
        const CliRun run = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("--url"), sim.baseUrl().toString(),
             QStringLiteral("-c"), QStringLiteral("256"), QStringLiteral("-n"),
             QStringLiteral("256"), QStringLiteral("--input-tokens"), QStringLiteral("8"),
             QStringLiteral("--output-tokens"), QStringLiteral("96"), QStringLiteral("--quiet"),
             QStringLiteral("--journal"), path("c256.jsonl")},
            m_dir.path(), 120000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const auto stats = sim.get(QStringLiteral("/sim/stats"), &error);
        QVERIFY2(stats.has_value(), qPrintable(error));
        QCOMPARE(stats->object().value(QLatin1String("max_in_flight")).toInt(), 256);
        QCOMPARE(sim.stop(), 0);
    }
    void firstTokenArrivalMatchesGroundTruth() {
        for (int level = 0; level < kLevels.size(); ++level) {
            const QList<double> delays =
                GroundTruth::firstTokenDelaysMs(recordsOf(level), truthOf(level));
            QCOMPARE(delays.size(), kRequestsPerLevel);
            const double minDelay = *std::min_element(delays.cbegin(), delays.cend());
            const double p50 = GroundTruth::percentile(delays, 50);
            const double p95 = GroundTruth::percentile(delays, 95);
            qInfo("c=%d: client first content - sim first token: min %.3f p50 %.3f p95 %.3f ms",
                  kLevels.at(level), minDelay, p50, p95);
            QVERIFY2(minDelay >= -0.5, "client saw a token before the simulator sent it");
            QVERIFY(p50 <= 10.0);
            QVERIFY(p95 <= 50.0);
        }
    }
    void ttftAndTpotMatchGroundTruth() {
        for (int level = 0; level < kLevels.size(); ++level) {
            QList<double> clientTtft, clientTpot, simTtft, simTpot;
            for (const RequestRecord& r : recordsOf(level)) {
                clientTtft.append(r.ttftMs());
                clientTpot.append(r.tpotMs());
            }
            for (const SimRequestTruth& t : truthOf(level)) {
                simTtft.append(double(t.firstTokenNs - t.arrivalNs) / 1e6);
                simTpot.append(truthTpotMs(t));
            }
            const double cTtft = GroundTruth::percentile(clientTtft, 50);
            const double sTtft = GroundTruth::percentile(simTtft, 50);
            const double cTpot = GroundTruth::percentile(clientTpot, 50);
            const double sTpot = GroundTruth::percentile(simTpot, 50);
            qInfo("c=%d: TTFT p50 client %.2f sim %.2f ms; TPOT p50 client %.3f sim %.3f ms",
                  kLevels.at(level), cTtft, sTtft, cTpot, sTpot);
            QVERIFY(std::fabs(cTtft - sTtft) <= 10.0 + 0.1 * sTtft);
            QVERIFY(std::fabs(cTpot - sTpot) <= std::max(1.0, 0.1 * sTpot));
        }
    }
    void throughputMatchesGroundTruth() {
        const QJsonArray levels = m_results.value(QLatin1String("levels")).toArray();
        for (int level = 0; level < kLevels.size(); ++level) {
            qint64 tokens = 0;
            qint64 first = std::numeric_limits<qint64>::max();
            qint64 last = 0;
            for (const SimRequestTruth& t : truthOf(level)) {
                tokens += t.tokensSent;
                first = std::min(first, t.arrivalNs);
                last = std::max(last, t.lastTokenNs);
            }
            const double simTps = double(tokens) / (double(last - first) / 1e9);
            const QJsonObject l = levels.at(level).toObject();
            const double total = l.value(QLatin1String("output_throughput_total_tps")).toDouble();
            const double steady = l.value(QLatin1String("output_throughput_tps")).toDouble();
            qInfo("c=%d: sim %.0f tok/s; client total %.0f, steady %.0f tok/s", kLevels.at(level),
                  simTps, total, steady);
            QVERIFY(std::fabs(total - simTps) <= 0.1 * simTps);
            // The steady window leaves out ramp-up and drain, which only lower throughput.
            QVERIFY(steady >= 0.9 * total);
        }
    }
    void csvHasOneRowPerRequest() {
        QFile file(path("requests.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QVERIFY(lines.size() > 1);
        const QByteArray header = lines.first();
        for (const char* column :
             {"level", "t_send_ms", "ttft_ms", "tpot_ms", "e2e_ms", "output_tokens", "error"})
            QVERIFY2(header.contains(column), header.constData());
        QCOMPARE(lines.size() - 1, m_results.value(QLatin1String("requests")).toArray().size());
    }
    void vllmExportHasEveryLevel() {
        const QJsonObject vllm = readJsonObject(path("vllm.json"));
        const QJsonArray levels = vllm.value(QLatin1String("levels")).toArray();
        QCOMPARE(levels.size(), kLevels.size());
        QVERIFY(levels.first().toObject().contains(QLatin1String("mean_ttft_ms")));
    }
    void vllmDirHasOneFlatFilePerLevel() {
        // The shape of `vllm bench serve --save-result`: a flat object per run (level).
        const QJsonArray levels = m_results.value(QLatin1String("levels")).toArray();
        for (int i = 0; i < kLevels.size(); ++i) {
            const QJsonObject v =
                readJsonObject(path("vllm") + QStringLiteral("/c%1.json").arg(kLevels.at(i)));
            QVERIFY2(!v.isEmpty(), qPrintable(QString::number(kLevels.at(i))));
            QCOMPARE(v.value(QLatin1String("completed")).toInt(), kRequestsPerLevel);
            QCOMPARE(v.value(QLatin1String("max_concurrency")).toInt(), kLevels.at(i));
            QCOMPARE(v.value(QLatin1String("total_output_tokens")).toInt(),
                     kRequestsPerLevel * kOutputTokens);
            QCOMPARE(v.value(QLatin1String("ttfts")).toArray().size(), kRequestsPerLevel);
            // vLLM's output_throughput is all output tokens over the level's duration.
            QCOMPARE(v.value(QLatin1String("output_throughput")).toDouble(),
                     levels.at(i)
                         .toObject()
                         .value(QLatin1String("output_throughput_total_tps"))
                         .toDouble());
            for (const char* field : {"mean_ttft_ms", "median_tpot_ms", "p99_itl_ms", "std_e2el_ms",
                                      "request_throughput", "duration"})
                QVERIFY2(v.value(QLatin1String(field)).isDouble(), field);
        }
        QVERIFY2(m_run.outText().contains(QLatin1String("one per level")),
                 qPrintable(m_run.outText()));
    }
    void journalRebuildsTheResult() {
        QCOMPARE(m_journal->records.size(),
                 m_results.value(QLatin1String("requests")).toArray().size());
        QCOMPARE(m_journal->summary.levels.size(), kLevels.size());
    }
    void rateSweepWithWarmup() {
        // Open loop: --rate levels of --duration-per-level seconds, seeded Poisson arrivals,
        // --warmup requests per level kept in the records but out of the statistics.
        // Tolerance on the achieved rate: 0.4x..1.6x of the asked one (2 s of Poisson
        // arrivals is a small sample; the seed makes it repeatable, not exact).
        QString error;
        const auto before = m_sim.get(QStringLiteral("/sim/stats"), &error);
        QVERIFY2(before.has_value(), qPrintable(error));
        const CliRun run = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("--url"),
             m_sim.baseUrl().toString() + QStringLiteral("/v1"), QStringLiteral("--rate"),
             QStringLiteral("10,20"), QStringLiteral("--duration-per-level"), QStringLiteral("2"),
             QStringLiteral("--warmup"), QStringLiteral("2"), QStringLiteral("--seed"),
             QStringLiteral("7"), QStringLiteral("--output-tokens"), QStringLiteral("8"),
             QStringLiteral("--quiet"), QStringLiteral("--out"), path("rate.json")},
            m_dir.path(), 60000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const auto after = m_sim.get(QStringLiteral("/sim/stats"), &error);
        QVERIFY2(after.has_value(), qPrintable(error));
        const QJsonObject results = readJsonObject(path("rate.json"));
        const QJsonArray levels = results.value(QLatin1String("levels")).toArray();
        QCOMPARE(levels.size(), 2);
        const QList<double> rates = {10.0, 20.0};
        for (int i = 0; i < 2; ++i) {
            const QJsonObject l = levels.at(i).toObject();
            QCOMPARE(l.value(QLatin1String("rate")).toDouble(), rates.at(i));
            QCOMPARE(l.value(QLatin1String("warmup_requests")).toInt(), 2);
            const double rps = l.value(QLatin1String("request_throughput_rps")).toDouble();
            QVERIFY2(rps >= 0.4 * rates.at(i) && rps <= 1.6 * rates.at(i),
                     qPrintable(QString::number(rps)));
        }
        const QJsonArray requests = results.value(QLatin1String("requests")).toArray();
        int warmups = 0;
        for (const QJsonValue& v : requests)
            warmups += v.toObject().value(QLatin1String("warmup")).toBool() ? 1 : 0;
        QCOMPARE(warmups, 4);
        // Every request the simulator received is in the records or, for the calibration
        // probes (not measured requests), in calibration.probes.
        const qint64 started =
            after->object().value(QLatin1String("requests_started")).toInteger() -
            before->object().value(QLatin1String("requests_started")).toInteger();
        const qsizetype probes = results.value(QLatin1String("calibration"))
                                     .toObject()
                                     .value(QLatin1String("probes"))
                                     .toArray()
                                     .size();
        QCOMPARE(probes, qsizetype(2));
        QCOMPARE(started, qint64(requests.size() + probes));
    }
    void builtinSimulatorWhenNoUrl() {
        const CliRun run = CliProcess::run({QStringLiteral("run"), QStringLiteral("-c"),
                                            QStringLiteral("1,4"), QStringLiteral("-n"),
                                            QStringLiteral("8"), QStringLiteral("--output-tokens"),
                                            QStringLiteral("8"), QStringLiteral("--quiet"),
                                            QStringLiteral("--out"), path("builtin.json")},
                                           m_dir.path(), 60000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        // --quiet: no progress and no notices on stderr.
        QVERIFY2(run.err.trimmed().isEmpty(), run.err.constData());
        const QJsonObject results = readJsonObject(path("builtin.json"));
        const QJsonArray levels = results.value(QLatin1String("levels")).toArray();
        QCOMPARE(levels.size(), 2);
        QCOMPARE(levels.at(1).toObject().value(QLatin1String("concurrency")).toInt(), 4);
        QCOMPARE(results.value(QLatin1String("requests")).toArray().size(), 16);
        QVERIFY(results.value(QLatin1String("plateau")).isObject());
        // The journal went next to --out by default.
        QVERIFY(QFile::exists(path("builtin.journal.jsonl")));
    }
};

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_clirun.moc"

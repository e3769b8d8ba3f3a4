#include "shortrequestrun.h"

#include "metrics/levelaggregator.h"
#include "metrics/sweepaggregator.h"

#include <QRandomGenerator>

namespace {
constexpr qint64 kRunStartNs = 1'000'000'000'000LL;
constexpr qint64 kUs = 1'000;

// One request of `tokens` content events, its times jittered like a loaded loopback
// simulator's (~1.2 ms between tokens).
RequestRecord request(quint64 id, qint64 sendNs, int tokens, QRandomGenerator& random) {
    RequestRecord r;
    r.id = id;
    r.level = 0;
    r.tSendNs = sendNs;
    r.tSchedNs = sendNs - qint64(random.bounded(5, 60)) * kUs;
    r.tHeadersNs = sendNs + qint64(random.bounded(200, 900)) * kUs + qint64(random.bounded(1000));
    r.tFirstEventNs = r.tHeadersNs + qint64(random.bounded(1, 40)) * kUs;
    r.tFirstContentNs = r.tFirstEventNs + qint64(random.bounded(1000, 3000)) * kUs / 10;
    r.contentEventNs.reserve(tokens);
    r.contentEventNs.append(r.tFirstContentNs);
    for (int t = 1; t < tokens; ++t)
        r.contentEventNs.append(r.contentEventNs.last() + qint64(random.bounded(900, 1500)) * kUs +
                                qint64(random.bounded(1000)));
    r.tLastContentNs = r.contentEventNs.last();
    r.tEndNs = r.tLastContentNs + qint64(random.bounded(10, 80)) * kUs;
    r.outputTokens = tokens;
    r.outputTokensSource = TokenSource::Usage;
    r.inputTokens = 32;
    r.inputTokensSource = TokenSource::Usage;
    r.httpStatus = 200;
    r.finishReason = QStringLiteral("length");
    r.requestedOutputTokens = tokens;
    return r;
}
} // namespace

RunResult ShortRequestRun::make(int requests, int outputTokens) {
    QRandomGenerator random(17);
    RunResult run;
    run.startedAt = QDateTime::currentDateTimeUtc();
    run.runStartNs = kRunStartNs;
    run.endpointUrl = QStringLiteral("http://127.0.0.1:8000/v1");
    run.profile = Profile::defaultProfile();
    run.profile.plan.concurrencies = {64};
    run.profile.plan.requestsPerLevel = requests;
    run.profile.plan.warmupRequests = 0;
    run.profile.prompts.inputTokens = 32;
    run.profile.prompts.outputTokens = outputTokens;
    run.stopReason = StopReason::Completed;
    // 64 workers back to back: a request every ~40 us over all of them.
    qint64 sendNs = kRunStartNs + 1'000 * kUs;
    run.records.reserve(requests);
    for (int i = 0; i < requests; ++i) {
        run.records.append(request(quint64(i + 1), sendNs, outputTokens, random));
        sendNs += qint64(random.bounded(20, 60)) * kUs;
    }
    LevelRunInfo info;
    info.index = 0;
    info.concurrency = 64;
    info.startNs = kRunStartNs;
    info.issueStopNs = sendNs;
    info.endNs = sendNs + 5'000 * kUs;
    info.complete = true;
    run.levels = {info};
    return run;
}

void ShortRequestRun::summarize(RunResult* run) {
    const LevelSummary summary = LevelAggregator::summarize(run->levels.first(), run->records,
                                                            run->profile.budget, run->runStartNs);
    run->summary = SweepAggregator::summarize({summary}, run->profile.budget,
                                              run->profile.plan.plateauGainThreshold);
}

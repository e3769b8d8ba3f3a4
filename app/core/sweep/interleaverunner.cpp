#include "sweep/interleaverunner.h"

#include "results/repeatedrun.h"
#include "results/resultjournal.h"
#include "results/runcontinuation.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QUrl>

namespace {
// Seeds of one level's prompts: the same for A and B (both sides get the same prompts at a
// level, so only the endpoint differs), different from level to level and repetition to
// repetition.
constexpr quint64 kSeedStride = 1000;

QString sideName(InterleaveRunner::Side side) {
    return side == InterleaveRunner::A ? QStringLiteral("A") : QStringLiteral("B");
}
} // namespace

InterleaveRunner::InterleaveRunner(QObject* parent)
    : QObject(parent) {
    connect(&m_runner, &SweepRunner::levelStarted, this, [this](int, const QString& label) {
        if (m_next < m_steps.size())
            Q_EMIT levelStarted(m_steps.at(m_next).side, m_steps.at(m_next).level, label);
    });
    connect(&m_runner, &SweepRunner::levelFinished, this, [this](const LevelSummary& summary) {
        if (m_next < m_steps.size())
            Q_EMIT levelFinished(m_steps.at(m_next).side, summary);
    });
    connect(&m_runner, &SweepRunner::notice, this, &InterleaveRunner::notice);
    connect(&m_runner, &SweepRunner::journalFailed, this, &InterleaveRunner::journalFailed);
    connect(&m_runner, &SweepRunner::finished, this, &InterleaveRunner::onStepFinished);
}

std::optional<EndpointConfig> InterleaveRunner::partner(const Profile& profile, const QString& with,
                                                        QString* error) {
    const QString text = with.trimmed();
    for (const EndpointConfig& endpoint : profile.endpoints) {
        if (!text.isEmpty() && endpoint.name == text)
            return endpoint;
    }
    const QUrl url = text == QLatin1String("sim") ? QUrl(QStringLiteral("sim:default"))
                                                  : QUrl(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    const bool web = scheme == QLatin1String("http") || scheme == QLatin1String("https");
    if (!url.isValid() || (!web && scheme != QLatin1String("sim")) ||
        (web && url.host().isEmpty()) || (!web && url.path().isEmpty())) {
        *error = QStringLiteral("interleave with \"%1\": not the name of one of the profile's "
                                "endpoints, an http(s):// URL or sim:PRESET")
                     .arg(text.left(80));
        return std::nullopt;
    }
    EndpointConfig endpoint = profile.endpoint(); // same API, model, timeouts as A
    endpoint.url = url;
    endpoint.name = web ? url.host() : QStringLiteral("Simulator %1").arg(url.path());
    return endpoint;
}

bool InterleaveRunner::setProfile(const Profile& profile, QString* error) {
    const auto other = partner(profile, profile.plan.interleaveWith, error);
    if (!other)
        return false;
    m_profiles[A] = profile;
    m_profiles[B] = profile;
    m_profiles[B].endpoints = {*other};
    m_profiles[B].activeEndpoint = 0;
    return true;
}

void InterleaveRunner::setJournalPaths(const QString& a, const QString& b) {
    m_journals[A] = a;
    m_journals[B] = b;
}
void InterleaveRunner::setEngineOptions(const EngineOptions& options) {
    m_runner.setEngineOptions(options);
}
void InterleaveRunner::setLocalEndpointFactory(LocalEndpointFactory factory) {
    m_runner.setLocalEndpointFactory(std::move(factory));
}
void InterleaveRunner::setApiKey(const QString& secret) {
    m_runner.setApiKey(secret);
}

QString InterleaveRunner::partnerJournalPath(const QString& a) {
    if (a.isEmpty())
        return a;
    const QFileInfo info(a);
    const QString suffix = info.suffix();
    const QString stem = suffix.isEmpty() ? info.fileName() : info.completeBaseName();
    return info.dir().filePath(stem + QStringLiteral(".B") +
                               (suffix.isEmpty() ? QString() : QLatin1Char('.') + suffix));
}

QString InterleaveRunner::journalPathFor(const QString& first, int level, int repetition) {
    if (first.isEmpty() || (level == 0 && repetition == 0))
        return first;
    const QFileInfo info(first);
    const QString suffix = info.suffix();
    QString name = suffix.isEmpty() ? info.fileName() : info.completeBaseName();
    name += QStringLiteral(".l") + QString::number(level + 1);
    if (repetition > 0)
        name += QStringLiteral(".r") + QString::number(repetition + 1);
    if (!suffix.isEmpty())
        name += QLatin1Char('.') + suffix;
    return info.dir().filePath(name);
}

// Alternating by level cancels a steady drift at first order across neighbouring levels (the
// side measured second at one level is measured first at the next), and flipping it again in
// each repetition means no level is measured by the same side first every time.
InterleaveRunner::Side InterleaveRunner::firstSide(int level, int repetition) {
    return (level + repetition) % 2 == 0 ? A : B;
}

quint64 InterleaveRunner::stepSeed(quint64 base, int level, int repetition) {
    return base + quint64(repetition) * kSeedStride + quint64(level) + 1;
}

bool InterleaveRunner::isRunning() const {
    return m_running;
}

// The step's own progress says "level 1 of 1": counted over the steps instead, the label
// naming the side ("B c=4"), the time left including the steps still to come.
RunProgress InterleaveRunner::progress() const {
    RunProgress progress = m_runner.progress();
    if (!m_running || m_next >= m_steps.size())
        return progress;
    const Step& step = m_steps.at(m_next);
    progress.levelIndex = int(m_next);
    progress.levelCount = int(m_steps.size());
    progress.levelLabel = sideName(step.side) + QLatin1Char(' ') + progress.levelLabel;
    const double perStep = m_profiles[A].plan.durationPerLevelS;
    if (progress.etaS >= 0.0 && perStep > 0.0)
        progress.etaS += double(m_steps.size() - m_next - 1) * perStep;
    return progress;
}

RunResult InterleaveRunner::result(Side side) const {
    if (m_runs[side].isEmpty()) {
        RunResult none;
        none.profile = m_profiles[side];
        none.cancelled = true;
        none.stopReason = StopReason::Cancelled;
        none.stopDetail = QStringLiteral("not measured: the interleaved run ended before it");
        return none;
    }
    return RepeatedRun::combine(m_runs[side]);
}

void InterleaveRunner::buildSteps() {
    m_steps.clear();
    const int levels = m_profiles[A].plan.levelCount();
    const int repetitions = qBound(1, m_profiles[A].plan.repeat, SweepPlan::kMaxRepeat);
    for (int rep = 0; rep < repetitions; ++rep) {
        for (int level = 0; level < levels; ++level) {
            const Side first = firstSide(level, rep);
            m_steps.append({first, level, rep});
            m_steps.append({first == A ? B : A, level, rep});
        }
    }
}

void InterleaveRunner::start() {
    if (m_running) {
        Q_EMIT notice(QStringLiteral("a run is already in progress"));
        return;
    }
    buildSteps();
    m_next = 0;
    m_runs[A].clear();
    m_runs[B].clear();
    m_stopRequested = false;
    m_seed = m_profiles[A].plan.seed != 0 ? m_profiles[A].plan.seed
                                          : QRandomGenerator::global()->generate64() >> 8;
    m_running = true;
    startStep();
}

void InterleaveRunner::stop() {
    if (!m_running)
        return;
    m_stopRequested = true;
    m_runner.stop();
}

Profile InterleaveRunner::stepProfile(const Step& step) const {
    Profile profile = m_profiles[step.side];
    SweepPlan& plan = profile.plan;
    if (plan.mode == SweepPlan::Mode::Rate)
        plan.rates = {plan.rates.at(step.level)};
    else
        plan.concurrencies = {plan.concurrencies.at(step.level)};
    plan.repeat = 1;
    plan.interleaveWith.clear();
    plan.stopAtPlateau = false; // one level: nothing to compare it with
    plan.stopWhenBudgetExceeded = false;
    plan.seed = stepSeed(m_seed, step.level, step.repetition);
    return profile;
}

void InterleaveRunner::startStep() {
    const Step& step = m_steps.at(m_next);
    QString note; // never over an earlier run's journal that may still need recovering
    const QString journal = ResultJournal::pathForStep(
        journalPathFor(m_journals[step.side], step.level, step.repetition), &note);
    if (!note.isEmpty())
        Q_EMIT notice(note);
    Q_EMIT notice(QStringLiteral("interleave %1/%2: %3 at level %4%5")
                      .arg(m_next + 1)
                      .arg(m_steps.size())
                      .arg(sideName(step.side))
                      .arg(step.level + 1)
                      .arg(step.repetition > 0
                               ? QStringLiteral(", repeat %1").arg(step.repetition + 1)
                               : QString()));
    m_runner.setProfile(stepProfile(step));
    m_runner.setJournalPath(journal);
    m_runner.start();
}

// Adds a step's level to its side's run of that repetition; false when the series must end.
bool InterleaveRunner::keep(const Step& step, const RunResult& result) {
    QString error;
    const bool goOn = addStep(m_runs[step.side], step.repetition, result, &error);
    if (!error.isEmpty())
        Q_EMIT notice(error);
    return goOn;
}

bool InterleaveRunner::addStep(QList<RunResult>& runs, int repetition, const RunResult& step,
                               QString* error) {
    const bool ends = RepeatedRun::endsSeries(step) || step.levels.isEmpty();
    if (runs.size() <= repetition) {
        runs.append(step);
        return !ends;
    }
    RunResult& into = runs[repetition];
    if (!step.levels.isEmpty() && !RunContinuation::append(into, step, error))
        return false;
    if (!step.journal.ok() && into.journal.ok())
        into.journal.error = step.journal.error;
    if (ends || step.stopReason != StopReason::Completed) {
        into.stopReason = step.stopReason;
        into.stopDetail = step.stopDetail;
        into.cancelled = into.cancelled || step.cancelled;
    }
    return !ends;
}

void InterleaveRunner::onStepFinished(const RunResult& result) {
    const Side side = m_steps.at(m_next).side;
    const bool goOn = keep(m_steps.at(m_next), result);
    Q_EMIT sideUpdated(side);
    ++m_next;
    if (goOn && !m_stopRequested && m_next < m_steps.size()) {
        // Queued: the runner is still inside its own finished() emission.
        QMetaObject::invokeMethod(this, &InterleaveRunner::startStep, Qt::QueuedConnection);
        return;
    }
    finish();
}

void InterleaveRunner::finish() {
    m_running = false;
    RunResult a = result(A);
    RunResult b = result(B);
    if (m_stopRequested) {
        for (RunResult* r : {&a, &b}) {
            r->cancelled = true;
            r->stopReason = StopReason::Cancelled;
        }
    }
    Q_EMIT finished(a, b);
}

#include "sweep/repeatrunner.h"

#include "results/repeatedrun.h"
#include "results/resultjournal.h"

#include <QDir>
#include <QFileInfo>

RepeatRunner::RepeatRunner(QObject* parent)
    : QObject(parent) {
    connect(&m_runner, &SweepRunner::levelStarted, this, &RepeatRunner::levelStarted);
    connect(&m_runner, &SweepRunner::levelFinished, this, &RepeatRunner::levelFinished);
    connect(&m_runner, &SweepRunner::notice, this, &RepeatRunner::notice);
    connect(&m_runner, &SweepRunner::journalFailed, this, &RepeatRunner::journalFailed);
    connect(&m_runner, &SweepRunner::finished, this, &RepeatRunner::onRunFinished);
}

void RepeatRunner::setProfile(const Profile& profile) {
    m_profile = profile;
}
void RepeatRunner::setJournalPath(const QString& path) {
    m_journalPath = path;
}
void RepeatRunner::setApiKey(const QString& secret) {
    m_runner.setApiKey(secret);
}
void RepeatRunner::setEngineOptions(const EngineOptions& options) {
    m_runner.setEngineOptions(options);
}
void RepeatRunner::setLocalEndpointFactory(LocalEndpointFactory factory) {
    m_runner.setLocalEndpointFactory(std::move(factory));
}

QString RepeatRunner::journalPathFor(const QString& first, int repetition) {
    if (repetition <= 1 || first.isEmpty())
        return first;
    const QFileInfo info(first);
    const QString suffix = info.suffix();
    const QString stem = suffix.isEmpty() ? info.fileName() : info.completeBaseName();
    QString name = stem + QStringLiteral(".rep") + QString::number(repetition);
    if (!suffix.isEmpty())
        name += QLatin1Char('.') + suffix;
    return info.dir().filePath(name);
}

int RepeatRunner::repetitions() const {
    return qBound(1, m_profile.plan.repeat, SweepPlan::kMaxRepeat);
}

bool RepeatRunner::isRunning() const {
    return m_running;
}

RunProgress RepeatRunner::progress() const {
    RunProgress p = m_runner.progress();
    const int count = repetitions();
    if (count <= 1 || !m_running)
        return p;
    p.repetition = int(m_runs.size()) + 1;
    p.repetitions = count;
    if (p.etaS >= 0.0) {
        // The repetitions to come take about as long as this one will have.
        const double thisOne = m_repetitionClock.elapsed() / 1000.0 + p.etaS;
        p.etaS += (count - p.repetition) * thisOne;
    }
    return p;
}

RunResult RepeatRunner::result() const {
    QList<RunResult> runs = m_runs;
    if (m_runner.isRunning())
        runs.append(m_runner.result());
    return RepeatedRun::combine(runs);
}

void RepeatRunner::start() {
    if (m_running) {
        Q_EMIT notice(QStringLiteral("a run is already in progress"));
        return;
    }
    m_runs.clear();
    m_stopRequested = false;
    m_running = true;
    Q_EMIT started();
    startRepetition();
}

void RepeatRunner::stop() {
    if (!m_running)
        return;
    m_stopRequested = true;
    m_runner.stop();
}

void RepeatRunner::startRepetition() {
    const int number = int(m_runs.size()) + 1;
    const int count = repetitions();
    QString journal = journalPathFor(m_journalPath, number);
    if (number > 1) {
        QString note; // never over an earlier run's journal that may still need recovering
        journal = ResultJournal::pathForStep(journal, &note);
        if (!note.isEmpty())
            Q_EMIT notice(note);
    }
    if (count > 1)
        Q_EMIT notice(
            journal.isEmpty()
                ? QStringLiteral("repeat %1/%2").arg(number).arg(count)
                : QStringLiteral("repeat %1/%2, journal %3").arg(number).arg(count).arg(journal));
    m_runner.setProfile(m_profile);
    m_runner.setJournalPath(journal);
    m_repetitionClock.start();
    Q_EMIT repetitionStarted(number, count);
    m_runner.start();
}

void RepeatRunner::onRunFinished(const RunResult& result) {
    m_runs.append(result);
    const bool more =
        !m_stopRequested && !RepeatedRun::endsSeries(result) && m_runs.size() < repetitions();
    if (more) {
        // Queued: the runner is still inside its own finished() emission.
        QMetaObject::invokeMethod(this, &RepeatRunner::startRepetition, Qt::QueuedConnection);
        return;
    }
    m_running = false;
    Q_EMIT finished(RepeatedRun::combine(m_runs));
}

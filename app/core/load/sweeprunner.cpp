#include "sweeprunner.h"

// Placeholder until the load generator lands (load work in progress).
class SweepRunnerPrivate {};
SweepRunner::SweepRunner(QObject* parent) : QObject(parent), d(std::make_unique<SweepRunnerPrivate>()) {}
SweepRunner::~SweepRunner() = default;
void SweepRunner::setProfile(const Profile&) {}
void SweepRunner::setJournalPath(const QString&) {}
bool SweepRunner::isRunning() const { return false; }
RunProgress SweepRunner::progress() const { return {}; }
RunResult SweepRunner::result() const { return {}; }
void SweepRunner::start() {}
void SweepRunner::stop() {}

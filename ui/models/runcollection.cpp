#include "models/runcollection.h"

#include "models/runpalette.h"

RunCollection::RunCollection(QObject* parent)
    : QObject(parent) {}

int RunCollection::addRun(const RunResult& result, const QString& name, bool live) {
    Run run;
    run.id = m_nextId++;
    run.name = name;
    run.color = nextColor();
    run.live = live;
    run.result = result;
    m_runs.append(run);
    Q_EMIT runsChanged();
    // The first run becomes the one the tables show, so a fresh window needs no extra call.
    if (m_currentId < 0)
        setCurrent(run.id);
    return run.id;
}

void RunCollection::updateRun(int id, const RunResult& result, bool live) {
    Run* run = findRun(id);
    if (!run)
        return;
    run->result = result;
    const bool finished = run->live != live;
    run->live = live;
    Q_EMIT runUpdated(id);
    // Running → finished changes the legend name ("(running)" goes): the legend bar and
    // the run list rebuild on runsChanged, which live refreshes (10 Hz) must not trigger.
    if (finished)
        Q_EMIT runsChanged();
}

void RunCollection::removeRun(int id) {
    for (qsizetype i = 0; i < m_runs.size(); ++i) {
        if (m_runs.at(i).id != id)
            continue;
        m_runs.removeAt(i);
        Q_EMIT runsChanged();
        if (m_currentId == id)
            setCurrent(m_runs.isEmpty() ? -1 : m_runs.constLast().id);
        return;
    }
}

void RunCollection::setVisible(int id, bool visible) {
    Run* run = findRun(id);
    if (!run || run->visible == visible)
        return;
    run->visible = visible;
    Q_EMIT runsChanged();
}

void RunCollection::setCurrent(int id) {
    if (id >= 0 && !findRun(id))
        return;
    if (m_currentId == id)
        return;
    m_currentId = id;
    Q_EMIT currentChanged(id);
}

int RunCollection::currentId() const {
    return m_currentId;
}

void RunCollection::clear() {
    if (m_runs.isEmpty())
        return;
    m_runs.clear();
    Q_EMIT runsChanged();
    setCurrent(-1);
}

void RunCollection::setName(int id, const QString& name) {
    Run* run = findRun(id);
    if (!run || run->name == name)
        return;
    run->name = name;
    Q_EMIT runsChanged();
}

void RunCollection::setColor(int id, const QColor& color) {
    Run* run = findRun(id);
    if (!run || run->color == color)
        return;
    run->color = color;
    Q_EMIT runsChanged();
}

const QList<RunCollection::Run>& RunCollection::runs() const {
    return m_runs;
}

const RunCollection::Run* RunCollection::run(int id) const {
    for (const Run& run : m_runs) {
        if (run.id == id)
            return &run;
    }
    return nullptr;
}

const RunCollection::Run* RunCollection::current() const {
    return run(m_currentId);
}

QList<const RunCollection::Run*> RunCollection::visibleRuns() const {
    QList<const Run*> list;
    for (const Run& run : m_runs) {
        if (run.visible)
            list.append(&run);
    }
    return list;
}

RunCollection::Run* RunCollection::findRun(int id) {
    for (Run& run : m_runs) {
        if (run.id == id)
            return &run;
    }
    return nullptr;
}

QColor RunCollection::nextColor() const {
    QList<QColor> used;
    used.reserve(m_runs.size());
    for (const Run& run : m_runs)
        used.append(run.color);
    return RunPalette::firstUnused(used);
}

#pragma once

#include "results/runresult.h"

#include <QColor>
#include <QList>
#include <QObject>
#include <QString>

// The runs shown on the charts: the live one, earlier runs of this session, and result
// files loaded for comparison. Each has a colour, a legend name, and a visible flag.
class RunCollection : public QObject {
    Q_OBJECT
public:
    struct Run {
        int id = -1;
        QString name; // legend entry: "sim default 11:42" / file name
        QColor color;
        bool visible = true;
        bool live = false; // still running: charts redraw it on every refresh
        RunResult result;
    };

    explicit RunCollection(QObject* parent = nullptr);

    int addRun(const RunResult& result, const QString& name, bool live); // returns id
    void updateRun(int id, const RunResult& result, bool live);          // live refresh
    void removeRun(int id);
    void setVisible(int id, bool visible);
    void setCurrent(int id); // the run the tables show
    int currentId() const;
    void clear();

    // Added for the legend: rename a run, pick another colour (both emit runsChanged).
    void setName(int id, const QString& name);
    void setColor(int id, const QColor& color);

    const QList<Run>& runs() const;
    const Run* run(int id) const;
    const Run* current() const;
    // Runs with visible == true, in insertion order (what the charts draw).
    QList<const Run*> visibleRuns() const;

Q_SIGNALS:
    void runsChanged();      // added, removed, visibility, colour
    void runUpdated(int id); // data of one run changed (live refresh)
    void currentChanged(int id);

private:
    Run* findRun(int id);
    QColor nextColor() const;

    QList<Run> m_runs;
    int m_nextId = 1;
    int m_currentId = -1;
};

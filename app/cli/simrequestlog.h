#pragma once

#include "common/appendfile.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

class SimulatorThread;

// `plateau-cli sim --request-log FILE.jsonl`: the simulator's ground truth for every
// finished request, one JSON object a line (the shape of GET /sim/requests entries), so
// other tools can check their own measurements without polling the server.
//
// SimulatorThread keeps a bounded in-memory history and has no log of its own, so this
// polls that history a few times a second and appends what it has not written yet. The
// history holds finished requests only, in finishing order; entries evicted from it never
// come back, so the set of written ids is trimmed to the ids still in it.
// The file is an AppendFile: a regular file only (a device or FIFO is refused), and the
// first failed write (a full disk) is reported at once on stderr and ends the log there;
// written() counts only lines that reached it.
class SimRequestLog : public QObject {
    Q_OBJECT
public:
    explicit SimRequestLog(const SimulatorThread* simulator, QObject* parent = nullptr);

    bool open(const QString& path, QString* error);
    void start(int intervalMs = 250);
    // Writes what is still pending (call after the simulator stopped) and closes the file.
    void finish();
    qint64 written() const { return m_written; }
    // "<path>: cannot write: No space left on device", "" while every line got there.
    QString error() const { return m_file.error(); }

private:
    void poll();

    const SimulatorThread* m_simulator;
    AppendFile m_file;
    QTimer m_timer;
    QSet<quint64> m_seen;
    qint64 m_written = 0;
};

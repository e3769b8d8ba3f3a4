#pragma once

#include "load/leveldriver.h"

#include <QTimer>

// A shard whose share of a level is 0 workers (issue 15: 3 workers over 4 shards) sends
// nothing but keeps the schedule: the level lasts its duration, then drains at once.
class IdleDriver : public LevelDriver {
    Q_OBJECT
public:
    IdleDriver(const LevelSpec& spec, Issuer issuer, QObject* parent = nullptr);
    void start(qint64 startNs) override;

protected:
    void handleFinished(qint64, qint64) override {}

private:
    void onDeadline();

    QTimer m_timer;
};

#pragma once

#include "models/workloadpreview.h"
#include "profile/profile.h"

#include <QObject>

#include <atomic>
#include <memory>

class QThread;
class QTimer;

// Computes a WorkloadPreview on a thread of its own, so a 1 GB dataset never freezes the
// window. start() cancels the computation under way (its result is dropped) and begins
// another; progress is polled from the reader's callback a few times a second.
class WorkloadPreviewJob : public QObject {
    Q_OBJECT
public:
    explicit WorkloadPreviewJob(QObject* parent = nullptr);
    ~WorkloadPreviewJob() override;

    void start(const Profile& profile);
    void cancel(); // the current computation stops at its next progress report
    bool isRunning() const { return m_current != nullptr; }

Q_SIGNALS:
    void progress(qint64 bytesRead, qint64 bytesTotal);
    void finished(const WorkloadPreview& preview);

private:
    // What the worker thread and this object share: written there, read here.
    struct State {
        std::atomic<bool> cancel{false};
        std::atomic<qint64> bytesRead{0};
        std::atomic<qint64> bytesTotal{-1};
        WorkloadPreview result;
    };
    void onThreadFinished(QThread* thread, const std::shared_ptr<State>& state);
    void reportProgress();

    QThread* m_current = nullptr;
    std::shared_ptr<State> m_state;
    QTimer* m_poll;
};

#pragma once
// What tst_fileactions and tst_filework share: a small results run, and message-box closers.

#include "results/runresult.h"

#include <QApplication>
#include <QDateTime>
#include <QMessageBox>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace FileActionsFixtures {
// A small hand-made run: two levels, a few requests. Enough for a results file.
inline RunResult smallRun() {
    RunResult run;
    run.startedAt = QDateTime(QDate(2025, 5, 6), QTime(7, 8, 9), Qt::UTC);
    run.runStartNs = 1'000'000'000'000LL;
    run.profile = Profile::defaultProfile();
    run.profile.name = u"From a file"_s;
    run.endpointUrl = u"http://127.0.0.1:1/v1"_s;
    run.stopReason = StopReason::Completed;
    for (int level = 0; level < 2; ++level) {
        LevelRunInfo info;
        info.index = level;
        info.concurrency = level + 1;
        info.startNs = run.runStartNs + level * 1'000'000'000LL;
        info.issueStopNs = info.startNs + 900'000'000LL;
        info.endNs = info.startNs + 950'000'000LL;
        info.complete = true;
        run.levels.append(info);
        LevelSummary summary;
        summary.index = level;
        summary.concurrency = level + 1;
        summary.complete = true;
        summary.requests = 3;
        summary.successes = 3;
        summary.outputThroughputTps = 100.0 * (level + 1);
        run.summary.levels.append(summary);
        for (int i = 0; i < 3; ++i) {
            RequestRecord r;
            r.id = quint64(level * 10 + i + 1);
            r.level = level;
            r.tSchedNs = info.startNs + i * 100'000'000LL;
            r.tSendNs = r.tSchedNs;
            r.tHeadersNs = r.tSendNs + 5'000'000;
            r.tFirstEventNs = r.tSendNs + 10'000'000;
            r.tFirstContentNs = r.tFirstEventNs;
            r.contentEventNs = {r.tFirstContentNs, r.tFirstContentNs + 20'000'000};
            r.tLastContentNs = r.contentEventNs.last();
            r.tEndNs = r.tLastContentNs + 1'000'000;
            r.outputTokens = 2;
            r.outputTokensSource = TokenSource::Usage;
            r.inputTokens = 10;
            r.inputTokensSource = TokenSource::Usage;
            r.httpStatus = 200;
            r.finishReason = u"length"_s;
            run.records.append(r);
        }
    }
    run.summary.plateau.plateauTps = 200.0;
    run.summary.plateau.plateauLevel = 1;
    return run;
}

// Answers the next message box with OK and hands back its texts.
inline void closeNextMessageBox(QString* text, QString* informative) {
    QTimer::singleShot(0, [text, informative] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        *text = box->text();
        *informative = box->informativeText();
        box->accept();
    });
}
// Closes every message box that opens while it lives (one a background job shows when it
// ends, inside the test's wait), and keeps the texts of the last one.
class MessageBoxCloser : public QObject {
public:
    MessageBoxCloser() {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box)
                return;
            text = box->text();
            informative = box->informativeText();
            ++boxes;
            box->accept();
        });
        m_timer.start(10);
    }
    QString text;
    QString informative;
    int boxes = 0;

private:
    QTimer m_timer;
};
} // namespace FileActionsFixtures

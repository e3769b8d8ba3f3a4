#include "charts/lengthhistogramchart.h"
#include "charts/workloadpreviewpanel.h"
#include "models/workloadpreviewjob.h"

#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
Profile synthetic(int inputTokens) {
    Profile profile = Profile::defaultProfile();
    profile.plan.seed = 7;
    profile.prompts.inputTokens = inputTokens;
    return profile;
}
} // namespace

class TstWorkloadPreviewPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void showsHistogramsStatsAndSamples();
    void debouncesAndKeepsOnlyTheLatestSettings();
    void waitsUntilShown();
    void aFileWithoutEntriesIsAMessage();
    void jobCancelDropsTheResult();
};

void TstWorkloadPreviewPanel::showsHistogramsStatsAndSamples() {
    WorkloadPreviewPanel panel;
    QSignalSpy updated(&panel, &WorkloadPreviewPanel::updated);
    panel.setProfile(synthetic(300));
    panel.refresh();
    QVERIFY(updated.wait(20000));
    QCOMPARE(panel.inputChart()->histogram().p50(), 300);
    QCOMPARE(panel.inputChart()->statsText(),
             QStringLiteral("n 2,000 · mean 300 · p50 300 · p90 300"));
    QVERIFY(panel.inputChart()->title().startsWith(QStringLiteral("Input tokens")));
    QCOMPARE(panel.outputChart()->histogram().p50(),
             Profile::defaultProfile().prompts.outputTokens);
    QCOMPARE(panel.sampleLabels().size(), 3);
    for (QLabel* label : panel.sampleLabels()) {
        QVERIFY(label->text().startsWith(QStringLiteral("300 words: ")));
        QVERIFY2(label->text().size() <= 201, "elided to about two lines");
        QVERIFY(label->toolTip().size() > label->text().size()); // the tooltip has more
    }
}

void TstWorkloadPreviewPanel::debouncesAndKeepsOnlyTheLatestSettings() {
    WorkloadPreviewPanel panel;
    panel.show();
    QSignalSpy updated(&panel, &WorkloadPreviewPanel::updated);
    // Typing 1, 12, 123 quickly: one computation, for the last value.
    panel.setProfile(synthetic(1));
    panel.setProfile(synthetic(12));
    panel.setProfile(synthetic(123));
    QVERIFY(panel.isComputing());
    QVERIFY(updated.wait(20000));
    QCOMPARE(panel.preview().input.p50(), 123);
    QTest::qWait(WorkloadPreviewPanel::kDebounceMs * 2);
    QCOMPARE(updated.count(), 1);
    // The same settings again: nothing to do.
    panel.setProfile(synthetic(123));
    QVERIFY(!panel.isComputing());
}

void TstWorkloadPreviewPanel::waitsUntilShown() {
    WorkloadPreviewPanel panel;
    QSignalSpy updated(&panel, &WorkloadPreviewPanel::updated);
    panel.setProfile(synthetic(40));
    QTest::qWait(WorkloadPreviewPanel::kDebounceMs * 2);
    QCOMPARE(updated.count(), 0); // a hidden tab computes nothing
    panel.show();
    QVERIFY(updated.wait(20000));
    QCOMPARE(panel.preview().input.p50(), 40);
}

void TstWorkloadPreviewPanel::aFileWithoutEntriesIsAMessage() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[]");
    file.close();
    Profile profile = synthetic(10);
    profile.workload.kind = WorkloadSettings::Kind::Dataset;
    profile.workload.dataset.path = path;
    WorkloadPreviewPanel panel;
    QSignalSpy updated(&panel, &WorkloadPreviewPanel::updated);
    panel.setProfile(profile);
    panel.refresh();
    QVERIFY(updated.wait(20000));
    QVERIFY(!panel.preview().ok());
    QVERIFY2(panel.preview().error.startsWith(QStringLiteral("empty.json: ")),
             qPrintable(panel.preview().error));
    QVERIFY(panel.inputChart()->histogram().isEmpty());
    QVERIFY(panel.noteLabel()->isHidden());
}

void TstWorkloadPreviewPanel::jobCancelDropsTheResult() {
    WorkloadPreviewJob job;
    QSignalSpy finished(&job, &WorkloadPreviewJob::finished);
    job.start(synthetic(5));
    QVERIFY(job.isRunning());
    job.cancel();
    QVERIFY(!job.isRunning());
    job.start(synthetic(6));
    QVERIFY(finished.wait(20000));
    QTest::qWait(100); // the cancelled thread's end arrives too, and is dropped
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.constFirst().constFirst().value<WorkloadPreview>().input.p50(), 6);
}

QTEST_MAIN(TstWorkloadPreviewPanel)
#include "tst_workloadpreviewpanel.moc"

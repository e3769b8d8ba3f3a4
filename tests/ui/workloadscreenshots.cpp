// Makes the README's issue-16 screenshots with the real window (not a test):
//   ui-workload-screenshots DATASET RESULTS.json OUT_DIR
// OUT_DIR/workload-dataset.png: the Workload tab reading DATASET, with its histograms;
// OUT_DIR/requests-scatter.png: RESULTS.json (e.g. a plateau-cli run against the simulator)
// opened, its busiest level's end-to-end time against output tokens. Run it under Xvfb with a
// scratch XDG_CONFIG_HOME so the user's window layout does not change the pictures.
#include "charts/workloadpreviewpanel.h"
#include "editors/profileeditor.h"
#include "models/runcollection.h"
#include "run/resultspanel.h"
#include "window/fileactions.h"
#include "window/mainwindow.h"
#include "window/screenshotscheduler.h"

#include <QApplication>
#include <QDockWidget>
#include <QEventLoop>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>

namespace {
void settle(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool waitForPreview(WorkloadPreviewPanel* preview) {
    QEventLoop loop;
    bool updated = false;
    QObject::connect(preview, &WorkloadPreviewPanel::updated, &loop, [&] {
        updated = true;
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    return updated;
}

bool shoot(MainWindow* window, const QString& path) {
    QString error;
    if (!ScreenshotScheduler::grab(window, path, &error)) {
        QTextStream(stderr) << path << ": " << error << Qt::endl;
        return false;
    }
    QTextStream(stdout) << "wrote " << path << Qt::endl;
    return true;
}

bool workloadShot(MainWindow* window, const QString& dataset, const QString& path) {
    Profile profile = Profile::defaultProfile();
    profile.name = QStringLiteral("ShareGPT mix");
    profile.plan.seed = 16;
    profile.workload.kind = WorkloadSettings::Kind::Dataset;
    profile.workload.dataset.path = dataset;
    profile.workload.dataset.shuffle = true;
    window->fileActions()->setDocument(profile, {});
    window->profileEditor()->tabs()->setCurrentIndex(ProfileEditor::WorkloadPage);
    // A widened profile dock puts the preview beside the options.
    auto* dock = window->findChild<QDockWidget*>(QStringLiteral("profileDock"));
    const int width = dock->width();
    window->resizeDocks({dock}, {1060}, Qt::Horizontal);
    if (!waitForPreview(window->findChild<WorkloadPreviewPanel*>())) {
        QTextStream(stderr) << "the preview did not finish" << Qt::endl;
        return false;
    }
    settle(300);
    const bool ok = shoot(window, path);
    window->resizeDocks({dock}, {width}, Qt::Horizontal);
    window->profileEditor()->tabs()->setCurrentIndex(ProfileEditor::SweepPage);
    return ok;
}

bool scatterShot(MainWindow* window, const QString& results, const QString& path) {
    QString error;
    if (!window->fileActions()->openFile(results, &error)) {
        QTextStream(stderr) << results << ": " << error << Qt::endl;
        return false;
    }
    const RunCollection::Run* run = window->runs()->current();
    if (!run || run->result.summary.levels.isEmpty()) {
        QTextStream(stderr) << results << ": no level" << Qt::endl;
        return false;
    }
    window->results()->selectLevel(run->result.summary.levels.constLast().index);
    window->results()->tabs()->setCurrentIndex(ResultsPanel::RequestsTab);
    window->results()->setRequestDisplay(ResultsPanel::E2eVsOutputScatter);
    auto* dock = window->findChild<QDockWidget*>(QStringLiteral("resultsDock"));
    window->resizeDocks({dock}, {480}, Qt::Vertical);
    settle(500);
    return shoot(window, path);
}
} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Plateau"));
    QApplication::setApplicationName(QStringLiteral("Plateau"));
    const QStringList args = QApplication::arguments();
    if (args.size() != 4) {
        QTextStream(stderr) << "usage: ui-workload-screenshots DATASET RESULTS.json OUT_DIR"
                            << Qt::endl;
        return 2;
    }
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    settle(500);
    const bool ok = workloadShot(&window, args.at(1), args.at(3) + u"/workload-dataset.png") &&
                    scatterShot(&window, args.at(2), args.at(3) + u"/requests-scatter.png");
    return ok ? 0 : 1;
}

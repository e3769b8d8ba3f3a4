// plateau: the desktop app. `plateau [PROFILE.json | RESULTS.json]`
#include "run/runcontroller.h"
#include "system/themefollower.h"
#include "window/mainwindow.h"
#include "window/screenshotscheduler.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
struct Options {
    QString file;
    bool start = false;
    QList<QPair<double, QString>> screenshots;
    QString finishedScreenshot;
    bool quitAfterScreenshots = false;
    QSize size;
};

// False with a message for a malformed option.
bool parse(const QApplication& app, Options* options, QString* error) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Benchmark LLM inference endpoints: throughput and "
                                        "latency as concurrency rises, up to the plateau."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        u"file"_s, QApplication::translate("main", "A profile or results file (JSON) to open."),
        u"[PROFILE.json | RESULTS.json]"_s);
    const QCommandLineOption start(u"start"_s,
                                   QApplication::translate("main", "Start the sweep right away."));
    const QCommandLineOption shot(
        u"screenshot"_s,
        QApplication::translate("main",
                                "Save a window screenshot SECONDS after start (repeatable)."),
        u"SECONDS:FILE"_s);
    const QCommandLineOption finished(
        u"screenshot-when-finished"_s,
        QApplication::translate("main", "Save a window screenshot once the sweep has finished."),
        u"FILE"_s);
    const QCommandLineOption quit(
        u"quit-after-screenshots"_s,
        QApplication::translate("main", "Quit once every screenshot is saved."));
    const QCommandLineOption size(u"window-size"_s,
                                  QApplication::translate("main", "Initial window size."),
                                  u"WIDTHxHEIGHT"_s);
    parser.addOptions({start, shot, finished, quit, size});
    parser.process(app);

    options->file = parser.positionalArguments().value(0);
    options->start = parser.isSet(start);
    options->finishedScreenshot = parser.value(finished);
    options->quitAfterScreenshots = parser.isSet(quit);
    for (const QString& value : parser.values(shot)) {
        const qsizetype colon = value.indexOf(u':');
        bool ok = false;
        const double seconds = value.left(colon).toDouble(&ok);
        if (colon <= 0 || !ok || seconds < 0) {
            *error = u"--screenshot expects SECONDS:FILE, got \"%1\""_s.arg(value);
            return false;
        }
        options->screenshots.append({seconds, value.mid(colon + 1)});
    }
    if (parser.isSet(size)) {
        const QStringList parts = parser.value(size).split(u'x');
        options->size = parts.size() == 2 ? QSize(parts[0].toInt(), parts[1].toInt()) : QSize();
        if (!options->size.isValid() || options->size.isEmpty()) {
            *error = u"--window-size expects WIDTHxHEIGHT, got \"%1\""_s.arg(parser.value(size));
            return false;
        }
    }
    return true;
}
} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Plateau"_s);
    QApplication::setOrganizationDomain(u"plateau.github.io"_s);
    QApplication::setApplicationName(u"Plateau"_s);
    QApplication::setApplicationDisplayName(u"Plateau"_s);
    QApplication::setApplicationVersion(QStringLiteral(PLATEAU_VERSION));
    // Matches packaging/io.github.plateau.Plateau.desktop (Wayland app id, taskbar icon).
    QGuiApplication::setDesktopFileName(u"io.github.plateau.Plateau"_s);
    QApplication::setWindowIcon(QIcon(u":/plateau/icons/plateau.svg"_s));

    Options options;
    QString error;
    if (!parse(app, &options, &error)) {
        QTextStream(stderr) << "plateau: " << error << Qt::endl;
        return 2;
    }

    // Before the window: widgets and charts are built in the desktop's light or dark colours.
    ThemeFollower theme;
    theme.start();

    MainWindow window;
    if (options.size.isValid())
        window.resize(options.size);
    window.show();
    if (!options.file.isEmpty())
        window.openPath(options.file);

    ScreenshotScheduler* screenshots = nullptr;
    if (!options.screenshots.isEmpty() || !options.finishedScreenshot.isEmpty()) {
        screenshots = new ScreenshotScheduler(&window);
        for (const auto& [seconds, path] : std::as_const(options.screenshots))
            screenshots->addAt(seconds, path);
        if (!options.finishedScreenshot.isEmpty())
            screenshots->addWhenFinished(options.finishedScreenshot);
        screenshots->setQuitWhenDone(options.quitAfterScreenshots);
        screenshots->start();
    }
    if (options.start)
        QTimer::singleShot(0, &window, &MainWindow::startRun);
    return app.exec();
}

#include "window/screenshotscheduler.h"

#include "charts/chartexporter.h"
#include "run/runcontroller.h"
#include "window/mainwindow.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QTextStream>
#include <QTimer>

ScreenshotScheduler::ScreenshotScheduler(MainWindow* window)
    : QObject(window)
    , m_window(window) {}

void ScreenshotScheduler::addAt(double seconds, const QString& path) {
    m_timed.append({seconds, path});
}

void ScreenshotScheduler::addWhenFinished(const QString& path, double delaySeconds) {
    m_finishedPath = path;
    m_finishedDelay = delaySeconds;
}

void ScreenshotScheduler::start() {
    m_pending = int(m_timed.size()) + (m_finishedPath.isEmpty() ? 0 : 1);
    for (const auto& [seconds, path] : std::as_const(m_timed))
        QTimer::singleShot(int(seconds * 1000), this, [this, path = path] { take(path); });
    if (!m_finishedPath.isEmpty()) {
        connect(m_window->runController(), &RunController::runFinished, this, [this] {
            // Give the last refresh a moment to paint before grabbing.
            QTimer::singleShot(int(m_finishedDelay * 1000), this, [this] { take(m_finishedPath); });
        });
    }
}

bool ScreenshotScheduler::grab(MainWindow* window, const QString& path, QString* error) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QPixmap pixmap = window->grab();
    if (pixmap.isNull()) {
        *error = QObject::tr("could not grab the window for %1").arg(path);
        return false;
    }
    // Like every exported image: a regular file only, written whole, the system's reason.
    return ChartExporter::saveImage(pixmap.toImage(), path, error);
}

void ScreenshotScheduler::take(const QString& path) {
    QString error;
    QTextStream err(stderr);
    if (grab(m_window, path, &error))
        err << "screenshot: " << path << Qt::endl;
    else
        err << "screenshot failed: " << error << Qt::endl;
    if (--m_pending == 0 && m_quit)
        QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(0); });
}

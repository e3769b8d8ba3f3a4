#pragma once

#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

class MainWindow;

// Screenshots made by the app itself (packaging/screenshots.sh, README): grabs the main
// window at given seconds after start and/or once the sweep has finished, then quits if
// asked. The window renders itself, so this works the same under Xvfb or offscreen.
class ScreenshotScheduler : public QObject {
    Q_OBJECT
public:
    explicit ScreenshotScheduler(MainWindow* window);

    void addAt(double seconds, const QString& path);
    void addWhenFinished(const QString& path, double delaySeconds = 1.0);
    void setQuitWhenDone(bool quit) { m_quit = quit; }
    void start();

    static bool grab(MainWindow* window, const QString& path, QString* error);

private:
    void take(const QString& path);

    MainWindow* m_window;
    QList<QPair<double, QString>> m_timed;
    QString m_finishedPath;
    double m_finishedDelay = 1.0;
    int m_pending = 0;
    bool m_quit = false;
};

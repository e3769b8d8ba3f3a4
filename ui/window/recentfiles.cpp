#include "window/recentfiles.h"

#include "system/appsettings.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>

RecentFiles::RecentFiles(QMenu* menu, QObject* parent)
    : QObject(parent)
    , m_menu(menu) {
    connect(m_menu, &QMenu::aboutToShow, this, &RecentFiles::rebuildMenu);
    rebuildMenu();
}

QStringList RecentFiles::files() const {
    return AppSettings::recentFiles();
}

void RecentFiles::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > maxFiles)
        list.removeLast();
    AppSettings::setRecentFiles(list);
    rebuildMenu();
}

void RecentFiles::clear() {
    AppSettings::setRecentFiles({});
    rebuildMenu();
}

void RecentFiles::rebuildMenu() {
    m_menu->clear();
    QStringList list = files();
    const qsizetype before = list.size();
    list.removeIf([](const QString& path) { return !QFileInfo::exists(path); });
    if (list.size() != before)
        AppSettings::setRecentFiles(list);
    int number = 1;
    for (const QString& path : std::as_const(list)) {
        // "&1 profile.json — ~/bench" keeps the menu short and keyboard-friendly.
        const QFileInfo info(path);
        const QString label = (number < 10 ? u"&%1 "_qs.arg(number) : QString()) + info.fileName() +
                              u"  —  "_qs + QDir::toNativeSeparators(info.absolutePath());
        m_menu->addAction(label, this, [this, path] { Q_EMIT openRequested(path); });
        ++number;
    }
    if (list.isEmpty()) {
        m_menu->addAction(tr("No recent files"))->setEnabled(false);
    } else {
        m_menu->addSeparator();
        m_menu->addAction(tr("Clear list"), this, &RecentFiles::clear);
    }
}

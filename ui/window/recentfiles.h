#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

// File > Open Recent: the last opened or saved files (profiles and results), newest
// first, kept in the preferences. Files that disappeared are dropped when the menu opens.
class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int maxFiles = 10;

    explicit RecentFiles(QMenu* menu, QObject* parent = nullptr);

    void add(const QString& path);
    QStringList files() const;
    void clear();

Q_SIGNALS:
    void openRequested(const QString& path);

private:
    void rebuildMenu();

    QMenu* m_menu;
};

#pragma once

#include <QObject>
#include <QPalette>
#include <QString>

class QDBusVariant;

// Follows the desktop's light/dark preference. Qt 6.4 takes its palette from the platform
// theme, and on a plain GNOME or a minimal desktop that palette stays light when the user
// chose dark (QStyleHints::colorScheme only arrives in Qt 6.5). So the preference is read
// where the desktops publish it, the XDG settings portal (org.freedesktop.appearance
// color-scheme), and, only when the platform palette disagrees, a dark Fusion palette is
// applied; a later change on the desktop switches back and forth live.
// PLATEAU_COLOR_SCHEME=dark|light overrides the desktop (screenshots, tests).
class ThemeFollower : public QObject {
    Q_OBJECT
public:
    enum class Scheme { NoPreference, Light, Dark };

    explicit ThemeFollower(QObject* parent = nullptr);

    // Reads the preference (environment, then the portal with a short timeout), applies
    // it and listens for changes. Call once, before the main window is created, so every
    // widget and chart is built in the right colours.
    void start();
    void apply(Scheme scheme);
    Scheme scheme() const { return m_scheme; }
    bool darkApplied() const { return m_darkApplied; }

    static Scheme fromPortalValue(uint value);   // 1 prefer dark, 2 prefer light, else none
    static Scheme fromName(const QString& name); // "dark" / "light", else none
    static QPalette darkPalette();
    static bool isDark(const QPalette& palette);

Q_SIGNALS:
    void schemeChanged(ThemeFollower::Scheme scheme);

private Q_SLOTS:
    void onPortalSettingChanged(const QString& group, const QString& key,
                                const QDBusVariant& value);

private:
    Scheme readPortal() const;

    QPalette m_systemPalette;
    QString m_systemStyle;
    Scheme m_scheme = Scheme::NoPreference;
    bool m_darkApplied = false;
};

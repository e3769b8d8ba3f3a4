#include "system/themefollower.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QStyle>
#include <QStyleFactory>

using namespace Qt::StringLiterals;

namespace {
const QString portalService = u"org.freedesktop.portal.Desktop"_s;
const QString portalPath = u"/org/freedesktop/portal/desktop"_s;
const QString portalInterface = u"org.freedesktop.portal.Settings"_s;
const QString appearanceGroup = u"org.freedesktop.appearance"_s;
const QString colorSchemeKey = u"color-scheme"_s;

// Settings.Read answers a variant inside a variant (older portals nest once more).
uint unwrapUInt(QVariant value) {
    for (int depth = 0; depth < 3 && value.canConvert<QDBusVariant>(); ++depth)
        value = value.value<QDBusVariant>().variant();
    return value.toUInt();
}
} // namespace

ThemeFollower::ThemeFollower(QObject* parent)
    : QObject(parent)
    , m_systemPalette(QApplication::palette())
    , m_systemStyle(QApplication::style()->name()) {}

ThemeFollower::Scheme ThemeFollower::fromPortalValue(uint value) {
    return value == 1 ? Scheme::Dark : value == 2 ? Scheme::Light : Scheme::NoPreference;
}

ThemeFollower::Scheme ThemeFollower::fromName(const QString& name) {
    const QString n = name.trimmed().toLower();
    return n == u"dark"_s ? Scheme::Dark : n == u"light"_s ? Scheme::Light : Scheme::NoPreference;
}

bool ThemeFollower::isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

QPalette ThemeFollower::darkPalette() {
    // Close to the dark palettes of Breeze and Adwaita, so the app sits well beside others.
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x80, 0x80, 0x80), highlight(0x3d, 0x8e, 0xd8);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, window.lighter(150));
    p.setColor(QPalette::Midlight, window.lighter(125));
    p.setColor(QPalette::Mid, window.darker(125));
    p.setColor(QPalette::Dark, window.darker(150));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, highlight.lighter(130));
    p.setColor(QPalette::LinkVisited, QColor(0xb0, 0x8c, 0xe8));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Highlight, window.lighter(140));
    return p;
}

void ThemeFollower::start() {
    Scheme scheme = fromName(qEnvironmentVariable("PLATEAU_COLOR_SCHEME"));
    if (scheme == Scheme::NoPreference) {
        scheme = readPortal();
        // Live changes: only when the desktop decides (no environment override).
        QDBusConnection::sessionBus().connect(
            portalService, portalPath, portalInterface, u"SettingChanged"_s, this,
            SLOT(onPortalSettingChanged(QString, QString, QDBusVariant)));
    }
    apply(scheme);
}

ThemeFollower::Scheme ThemeFollower::readPortal() const {
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return Scheme::NoPreference;
    QDBusMessage call =
        QDBusMessage::createMethodCall(portalService, portalPath, portalInterface, u"Read"_s);
    call << appearanceGroup << colorSchemeKey;
    // At start-up, before any window exists: a short wait, and no portal means no preference.
    const QDBusMessage reply = bus.call(call, QDBus::Block, 300);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return Scheme::NoPreference;
    return fromPortalValue(unwrapUInt(reply.arguments().constFirst()));
}

void ThemeFollower::onPortalSettingChanged(const QString& group, const QString& key,
                                           const QDBusVariant& value) {
    if (group == appearanceGroup && key == colorSchemeKey)
        apply(fromPortalValue(unwrapUInt(value.variant())));
}

void ThemeFollower::apply(Scheme scheme) {
    const bool wasDark = m_darkApplied;
    // Dark only when the platform palette is not dark already (a Breeze Dark or Adwaita-dark
    // platform theme is better than ours); light means back to the platform's own look.
    const bool wantDark = scheme == Scheme::Dark && !isDark(m_systemPalette);
    if (wantDark && !m_darkApplied) {
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QApplication::setPalette(darkPalette());
        m_darkApplied = true;
    } else if (!wantDark && m_darkApplied) {
        if (QStyle* style = QStyleFactory::create(m_systemStyle))
            QApplication::setStyle(style);
        QApplication::setPalette(m_systemPalette);
        m_darkApplied = false;
    }
    const bool changed = m_scheme != scheme || wasDark != m_darkApplied;
    m_scheme = scheme;
    if (changed)
        Q_EMIT schemeChanged(scheme);
}

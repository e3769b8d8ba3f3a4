#include "system/themefollower.h"

#include <QApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// Under the offscreen platform the platform palette is light: a dark preference must
// switch the application to a dark palette, and a light one must bring the original back.
class TstThemeFollower : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void portalValues_data();
    void portalValues();
    void darkThenLight();
    void environmentOverride();
};

void TstThemeFollower::portalValues_data() {
    QTest::addColumn<uint>("value");
    QTest::addColumn<int>("scheme");
    QTest::newRow("no preference") << 0u << int(ThemeFollower::Scheme::NoPreference);
    QTest::newRow("prefer dark") << 1u << int(ThemeFollower::Scheme::Dark);
    QTest::newRow("prefer light") << 2u << int(ThemeFollower::Scheme::Light);
    QTest::newRow("unknown") << 7u << int(ThemeFollower::Scheme::NoPreference);
}

void TstThemeFollower::portalValues() {
    QFETCH(uint, value);
    QFETCH(int, scheme);
    QCOMPARE(int(ThemeFollower::fromPortalValue(value)), scheme);
}

void TstThemeFollower::darkThenLight() {
    QVERIFY(!ThemeFollower::isDark(QApplication::palette()));
    const QColor lightWindow = QApplication::palette().color(QPalette::Window);
    ThemeFollower follower;
    QSignalSpy changed(&follower, &ThemeFollower::schemeChanged);
    QLabel label(u"text"_s);
    label.show();

    follower.apply(ThemeFollower::Scheme::Dark);
    QVERIFY(follower.darkApplied());
    QVERIFY(ThemeFollower::isDark(QApplication::palette()));
    QTRY_VERIFY(ThemeFollower::isDark(label.palette())); // shown widgets follow
    // Text must stay readable: light text on the dark window.
    QVERIFY(label.palette().color(QPalette::WindowText).lightness() > 180);
    QCOMPARE(changed.count(), 1);

    follower.apply(ThemeFollower::Scheme::Dark); // no change, no signal
    QCOMPARE(changed.count(), 1);

    follower.apply(ThemeFollower::Scheme::Light);
    QVERIFY(!follower.darkApplied());
    QCOMPARE(QApplication::palette().color(QPalette::Window), lightWindow);
    QTRY_COMPARE(label.palette().color(QPalette::Window), lightWindow);
    QCOMPARE(changed.count(), 2);

    // "No preference" keeps the platform's own (light) look.
    follower.apply(ThemeFollower::Scheme::NoPreference);
    QVERIFY(!ThemeFollower::isDark(QApplication::palette()));
}

void TstThemeFollower::environmentOverride() {
    qputenv("PLATEAU_COLOR_SCHEME", "Dark");
    {
        ThemeFollower follower;
        follower.start();
        QCOMPARE(follower.scheme(), ThemeFollower::Scheme::Dark);
        QVERIFY(ThemeFollower::isDark(QApplication::palette()));
        follower.apply(ThemeFollower::Scheme::Light);
    }
    qunsetenv("PLATEAU_COLOR_SCHEME");
    QVERIFY(!ThemeFollower::isDark(QApplication::palette()));
}

QTEST_MAIN(TstThemeFollower)
#include "tst_themefollower.moc"

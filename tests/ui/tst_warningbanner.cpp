#include "warningbanner.h"

#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;

class TstWarningBanner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keyedMessagesUpdateInPlace();
    void dismissUntilSomethingNew();
    void tintFollowsPalette();
};

void TstWarningBanner::keyedMessagesUpdateInPlace() {
    QWidget parent;
    auto* banner = new WarningBanner(&parent);
    parent.show();
    QVERIFY(!banner->isVisible());
    banner->setMessage(u"error_rate"_s, u"Errors at c=2"_s);
    QVERIFY(banner->isVisible());
    banner->setMessage(u"error_rate"_s, u"Errors at c=2, c=4"_s);
    QCOMPARE(banner->messages(), QStringList{u"Errors at c=2, c=4"_s});
    banner->setMessage(u"notice:1"_s, u"endpoint unreachable"_s);
    QCOMPARE(banner->messages().size(), 2);
    banner->setMessage(u"error_rate"_s, {});
    banner->setMessage(u"notice:1"_s, {});
    QVERIFY(!banner->isVisible());
}

void TstWarningBanner::dismissUntilSomethingNew() {
    QWidget parent;
    auto* banner = new WarningBanner(&parent);
    parent.show();
    banner->setMessage(u"a"_s, u"first"_s);
    QTest::mouseClick(banner->findChild<QToolButton*>(), Qt::LeftButton);
    QVERIFY(!banner->isVisible());
    banner->setMessage(u"a"_s, u"first"_s); // the same again: stays hidden
    QVERIFY(!banner->isVisible());
    banner->setMessage(u"b"_s, u"second"_s);
    QVERIFY(banner->isVisible());
}

void TstWarningBanner::tintFollowsPalette() {
    WarningBanner banner;
    const QColor window = banner.palette().color(QPalette::Window);
    // Amber-tinted: more red+green than blue, and not the plain window colour.
    QVERIFY(window != QGuiApplication::palette().color(QPalette::Window));
    QVERIFY(window.red() > window.blue());
}

QTEST_MAIN(TstWarningBanner)
#include "tst_warningbanner.moc"

#include "run/warningbanner.h"

#include <QLabel>
#include <QTest>
#include <QTextDocument>
#include <QToolButton>

using namespace Qt::StringLiterals;

class TstWarningBanner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keyedMessagesUpdateInPlace();
    void dismissUntilSomethingNew();
    void tintFollowsPalette();
    void showsMessagesVerbatim();
};

void TstWarningBanner::showsMessagesVerbatim() {
    // What is drawn is the message itself: markup-like characters are neither lost nor
    // shown as entities ("lag p99 25.5 ms > 20.0 ms", not "&gt;").
    QWidget parent;
    auto* banner = new WarningBanner(&parent);
    parent.show();
    const QString message = u"lag p99 25.5 ms > 20.0 ms & <b>not bold</b>"_s;
    banner->setMessage(u"client_bound"_s, message);
    auto* label = banner->findChild<QLabel*>(u"bannerText"_s);
    QVERIFY(label);
    QCOMPARE(label->textFormat(), Qt::RichText);
    QTextDocument shown;
    shown.setHtml(label->text());
    QCOMPARE(shown.toPlainText(), message);
    banner->setMessage(u"other"_s, u"a < b"_s);
    shown.setHtml(label->text());
    QCOMPARE(shown.toPlainText(), u"• "_s + message + u"\n• a < b"_s);
}

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

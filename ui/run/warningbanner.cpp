#include "run/warningbanner.h"

#include "models/runpalette.h"

#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

WarningBanner::WarningBanner(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this)) {
    setObjectName(u"warningBanner"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    const int size = fontMetrics().height() * 3 / 2;
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    m_icon->setAlignment(Qt::AlignTop);
    m_text->setObjectName(u"bannerText"_s);
    // Always rich text: the messages are escaped and joined with <br>, and a single one
    // with no tag left would otherwise show its "&gt;" literally (AutoText guesses plain).
    m_text->setTextFormat(Qt::RichText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Hide until something new happens"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 4, 6);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, [this] {
        m_dismissed = true;
        hide();
    });
    applyColors();
    hide();
}

void WarningBanner::setMessage(const QString& key, const QString& text) {
    const QString old = m_messages.value(key);
    if (text.isEmpty())
        m_messages.remove(key);
    else
        m_messages.insert(key, text);
    if (!text.isEmpty() && text != old)
        m_dismissed = false; // something new: show again
    rebuild();
}

void WarningBanner::clear() {
    m_messages.clear();
    m_dismissed = false;
    rebuild();
}

void WarningBanner::rebuild() {
    QStringList items;
    for (const QString& text : std::as_const(m_messages))
        items << text.toHtmlEscaped();
    m_text->setText(items.size() == 1 ? items.first() : u"• "_s + items.join(u"<br>• "_s));
    setVisible(!m_messages.isEmpty() && !m_dismissed);
}

void WarningBanner::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange)
        applyColors();
    QFrame::changeEvent(event);
}

void WarningBanner::applyColors() {
    // An amber tint over the theme's own window colour: readable in light and dark themes.
    // The base is the application's (theme's) colour, never our own tinted one.
    const QColor base = QGuiApplication::palette().color(QPalette::Window);
    const QColor amber = RunPalette::color(RunPalette::Role::Caution);
    const double t = base.lightness() < 128 ? 0.28 : 0.22;
    const QColor tint = QColor::fromRgbF(base.redF() * (1 - t) + amber.redF() * t,
                                         base.greenF() * (1 - t) + amber.greenF() * t,
                                         base.blueF() * (1 - t) + amber.blueF() * t);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, tint);
    if (pal.color(QPalette::Window) != palette().color(QPalette::Window))
        setPalette(pal); // a second PaletteChange then computes the same tint: no loop
}

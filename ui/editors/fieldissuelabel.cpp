#include "editors/fieldissuelabel.h"

#include "models/runpalette.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

FieldIssueLabel::FieldIssueLabel(QWidget* parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 2);
    layout->setSpacing(4);
    const int size = fontMetrics().height();
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    m_icon->setAlignment(Qt::AlignTop);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    applyColors();
    setVisible(false);
}

void FieldIssueLabel::setIssue(const QString& message) {
    m_text->setText(message);
    setToolTip(message);
    setVisible(!message.isEmpty());
}

QString FieldIssueLabel::issue() const {
    return m_text->text();
}

void FieldIssueLabel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange)
        applyColors();
    QWidget::changeEvent(event);
}

void FieldIssueLabel::applyColors() {
    // A fixed red would vanish on a dark background: choose by the window's lightness.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    QPalette pal = m_text->palette();
    pal.setColor(QPalette::WindowText, RunPalette::color(RunPalette::Role::FieldError, dark));
    m_text->setPalette(pal);
}

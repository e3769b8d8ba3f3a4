#include "charts/runlegendbar.h"

#include "models/runcollection.h"

#include <QHBoxLayout>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QToolButton>

namespace {
QIcon swatch(const QColor& color, bool visible) {
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, 2.0));
    painter.setBrush(visible ? QBrush(color) : QBrush(Qt::NoBrush));
    painter.drawRoundedRect(QRectF(1, 1, 12, 12), 3, 3);
    return QIcon(pixmap);
}
} // namespace

RunLegendBar::RunLegendBar(RunCollection* runs, QWidget* parent)
    : QWidget(parent)
    , m_runs(runs)
    , m_layout(new QHBoxLayout(this)) {
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
    connect(m_runs, &RunCollection::runsChanged, this, &RunLegendBar::rebuild);
    connect(m_runs, &RunCollection::currentChanged, this, &RunLegendBar::rebuild);
    rebuild();
}

void RunLegendBar::rebuild() {
    // deleteLater: rebuild() runs inside a button's own toggled() signal.
    while (QLayoutItem* item = m_layout->takeAt(0)) {
        if (QWidget* widget = item->widget()) {
            widget->hide();
            widget->deleteLater();
        }
        delete item;
    }
    for (const RunCollection::Run& run : m_runs->runs()) {
        auto* button = new QToolButton(this);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(true);
        button->setCheckable(true);
        button->setChecked(run.visible);
        button->setIcon(swatch(run.color, run.visible));
        QFont font = button->font();
        font.setBold(run.id == m_runs->currentId());
        font.setStrikeOut(!run.visible);
        button->setFont(font);
        button->setText(run.live ? tr("%1 (running)").arg(run.name) : run.name);
        button->setToolTip(tr("Click to show or hide this run on the charts; right-click for "
                              "more. Bold: the run the tables show."));
        button->setContextMenuPolicy(Qt::CustomContextMenu);
        const int id = run.id;
        connect(button, &QToolButton::toggled, this,
                [this, id](bool checked) { m_runs->setVisible(id, checked); });
        connect(button, &QWidget::customContextMenuRequested, this,
                [this, id, button](QPoint p) { showMenu(id, button->mapToGlobal(p)); });
        m_layout->addWidget(button);
        button->show(); // at once, not on the next event loop turn (grabs, tests)
    }
    m_layout->addStretch(1);
    m_layout->activate(); // place the new buttons now: a grab may come before the event loop
}

void RunLegendBar::showMenu(int runId, const QPoint& globalPos) {
    const RunCollection::Run* run = m_runs->run(runId);
    if (!run)
        return;
    QMenu menu(this);
    QAction* current = menu.addAction(tr("Show in the tables"));
    current->setEnabled(runId != m_runs->currentId());
    QAction* remove = menu.addAction(tr("Remove from the comparison"));
    remove->setEnabled(!run->live);
    QAction* chosen = menu.exec(globalPos);
    // The menu ran an event loop: the button that opened it may be gone (rebuild) by now.
    if (chosen == current)
        m_runs->setCurrent(runId);
    else if (chosen == remove)
        m_runs->removeRun(runId);
}

#include "run/refinecontrols.h"

#include "models/runcollection.h"
#include "run/refinerun.h"
#include "run/runcontroller.h"

#include <QMenu>

RefineControls::RefineControls(RunCollection* runs, RunController* controller, QWidget* parent)
    : QToolButton(parent)
    , m_runs(runs)
    , m_controller(controller)
    , m_refine(new RefineRun(runs, this)) {
    setObjectName(QStringLiteral("refineButton"));
    setText(tr("Refine"));
    setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(this);
    menu->setToolTipsVisible(true); // a disabled entry says why
    m_boundary = menu->addAction(tr("Refine to the Latency Budget's Boundary"));
    m_knee = menu->addAction(tr("Refine Around the Knee"));
    menu->addSeparator();
    m_stop = menu->addAction(tr("Stop Refining"));
    setMenu(menu);

    auto start = [this](RefineRun::Target target) {
        const int id = m_runs->currentId();
        if (m_refine->refine(id, target))
            Q_EMIT message(tr("Refining %1…").arg(m_runs->run(id)->name));
    };
    connect(m_boundary, &QAction::triggered, this,
            [start] { start(RefineRun::Target::BudgetBoundary); });
    connect(m_knee, &QAction::triggered, this, [start] { start(RefineRun::Target::Knee); });
    connect(m_stop, &QAction::triggered, m_refine, &RefineRun::stop);
    connect(m_refine, &RefineRun::levelAdded, this, [this](int, const QString& label) {
        Q_EMIT message(tr("Refine: measured %1").arg(label));
    });
    connect(m_refine, &RefineRun::finished, this, [this](int, const QString& text) {
        Q_EMIT message(text);
        updateActions();
    });
    connect(m_refine, &RefineRun::runningChanged, this, &RefineControls::updateActions);
    connect(runs, &RunCollection::currentChanged, this, &RefineControls::updateActions);
    connect(runs, &RunCollection::runsChanged, this, &RefineControls::updateActions);
    connect(runs, &RunCollection::runUpdated, this, &RefineControls::updateActions);
    connect(controller, &RunController::runningChanged, this, &RefineControls::updateActions);
    updateActions();
}

void RefineControls::measureAt(int runId, double load) {
    if (m_controller->isRunning()) {
        Q_EMIT message(tr("A sweep is running: measure more levels when it has finished"));
        return;
    }
    if (!m_refine->measureAt(runId, load))
        Q_EMIT message(tr("Cannot measure that run now: %1").arg(m_refine->runProblem(runId)));
    else
        Q_EMIT message(tr("Measuring one more level…"));
}

void RefineControls::updateActions() {
    const int id = m_runs->currentId();
    const bool sweeping = m_controller->isRunning();
    for (auto [action, target] : {std::pair{m_boundary, RefineRun::Target::BudgetBoundary},
                                  std::pair{m_knee, RefineRun::Target::Knee}}) {
        const QString why =
            sweeping ? tr("A sweep is running") : m_refine->unavailableReason(id, target);
        action->setEnabled(why.isEmpty());
        action->setToolTip(why.isEmpty() ? action->text() : why);
    }
    m_stop->setEnabled(m_refine->isRunning());
    setEnabled(m_boundary->isEnabled() || m_knee->isEnabled() || m_refine->isRunning());
    const QString tip = m_boundary->isEnabled() || m_knee->isEnabled()
                            ? tr("Measure more levels of the current run and add them to its curve")
                            : m_boundary->toolTip();
    setToolTip(tip);
}

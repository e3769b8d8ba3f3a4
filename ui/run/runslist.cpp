#include "run/runslist.h"

#include "models/runcollection.h"
#include "models/uiformat.h"
#include "run/compareview.h"
#include "run/shardrows.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
enum Column { NameColumn, LevelsColumn, PeakColumn, EndpointColumn };
constexpr int RunIdRole = Qt::UserRole + 1;

QIcon swatch(const QColor& color, int size) {
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color.darker(140), 1));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 3, 3);
    return QIcon(pixmap);
}
} // namespace

RunsList::RunsList(RunCollection* runs, QWidget* parent)
    : QWidget(parent)
    , m_runs(runs)
    , m_tree(new QTreeWidget(this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_compare(new QPushButton(tr("Compare"), this)) {
    m_tree->setObjectName(u"runsList"_s);
    m_remove->setObjectName(u"removeRun"_s);
    m_compare->setObjectName(u"compareRuns"_s);
    m_compare->setToolTip(tr("Select two finished runs (Ctrl+click) to compare them level by "
                             "level"));
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setHeaderLabels({tr("Run"), tr("Levels"), tr("Peak throughput"), tr("Endpoint")});
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    auto* hint = new QHBoxLayout;
    hint->addWidget(m_remove);
    hint->addWidget(m_compare);
    hint->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
    layout->addLayout(hint);

    connect(m_runs, &RunCollection::runsChanged, this, &RunsList::rebuild);
    connect(m_runs, &RunCollection::runUpdated, this, &RunsList::updateRow);
    connect(m_runs, &RunCollection::currentChanged, this, &RunsList::followCurrent);
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        if (m_rebuilding || column != NameColumn)
            return;
        m_runs->setVisible(item->data(NameColumn, RunIdRole).toInt(),
                           item->checkState(NameColumn) == Qt::Checked);
    });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (!m_rebuilding && item)
            m_runs->setCurrent(item->data(NameColumn, RunIdRole).toInt());
        m_remove->setEnabled(item != nullptr);
    });
    connect(m_remove, &QPushButton::clicked, this, &RunsList::removeSelected);
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &RunsList::updateCompareButton);
    connect(m_runs, &RunCollection::runUpdated, this, &RunsList::updateCompareButton);
    connect(m_compare, &QPushButton::clicked, this, &RunsList::compareSelected);
    rebuild();
}

void RunsList::rebuild() {
    m_rebuilding = true;
    m_tree->clear();
    const int iconSize = fontMetrics().height();
    bool anyShards = false;
    for (const RunCollection::Run& run : m_runs->runs()) {
        auto* item = new QTreeWidgetItem(m_tree);
        item->setData(NameColumn, RunIdRole, run.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(NameColumn, run.visible ? Qt::Checked : Qt::Unchecked);
        item->setIcon(NameColumn, swatch(run.color, iconSize));
        item->setToolTip(NameColumn, tr("Tick to show this run on the charts"));
        if (run.id == m_runs->currentId())
            m_tree->setCurrentItem(item);
        if (ShardRows::addTo(item, run.result, RunIdRole) > 0) { // a merge: its shards below
            item->setExpanded(true);
            anyShards = true;
        }
    }
    m_tree->setRootIsDecorated(anyShards);
    for (const RunCollection::Run& run : m_runs->runs())
        updateRow(run.id);
    m_remove->setEnabled(m_tree->currentItem() != nullptr);
    m_rebuilding = false;
    updateCompareButton();
}

QTreeWidgetItem* RunsList::runRow(int runId) const {
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_tree->topLevelItem(i);
        if (item->data(NameColumn, RunIdRole).toInt() == runId)
            return item;
    }
    return nullptr;
}

void RunsList::updateRow(int runId) {
    const RunCollection::Run* run = m_runs->run(runId);
    QTreeWidgetItem* item = runRow(runId);
    if (!run || !item)
        return;
    const bool wasRebuilding = m_rebuilding;
    m_rebuilding = true;
    item->setText(NameColumn, run->live ? tr("%1 (running)").arg(run->name) : run->name);
    item->setText(LevelsColumn, QString::number(run->result.summary.levels.size()));
    item->setText(PeakColumn, UiFormat::tps(run->result.summary.plateau.plateauTps));
    item->setText(EndpointColumn, run->result.profile.endpoints.isEmpty()
                                      ? QString()
                                      : run->result.profile.endpoint().name);
    m_rebuilding = wasRebuilding;
}

// Moves the tree's current row to the run made current elsewhere, unless a row of that run is
// current already: a shard row (same run id as its merge) stays selected, not replaced by its
// merged row as a full rebuild would.
void RunsList::followCurrent(int runId) {
    const QTreeWidgetItem* current = m_tree->currentItem();
    QTreeWidgetItem* row = runRow(runId);
    if (!row || (current && current->data(NameColumn, RunIdRole).toInt() == runId))
        return;
    const bool wasRebuilding = m_rebuilding;
    m_rebuilding = true;
    m_tree->setCurrentItem(row);
    m_rebuilding = wasRebuilding;
}

void RunsList::removeSelected() {
    QTreeWidgetItem* item = m_tree->currentItem();
    if (!item)
        return;
    const int id = item->data(NameColumn, RunIdRole).toInt();
    const RunCollection::Run* run = m_runs->run(id);
    if (run && run->live)
        return; // the live run is removed after it finished, not under the runner's feet
    m_runs->removeRun(id);
}

QList<int> RunsList::comparedRuns() const {
    QList<int> ids;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = m_tree->topLevelItem(i);
        const RunCollection::Run* run = m_runs->run(item->data(NameColumn, RunIdRole).toInt());
        // A live run's figures still move: compare it once it has finished.
        if (item->isSelected() && run && !run->live)
            ids.append(run->id);
    }
    return ids.size() == 2 ? ids : QList<int>();
}

void RunsList::updateCompareButton() {
    m_compare->setEnabled(!comparedRuns().isEmpty());
}

void RunsList::compareSelected() {
    const QList<int> ids = comparedRuns();
    if (!ids.isEmpty())
        compareRuns(ids.at(0), ids.at(1));
}

void RunsList::compareRuns(int baseId, int candidateId) {
    const RunCollection::Run* base = m_runs->run(baseId);
    const RunCollection::Run* candidate = m_runs->run(candidateId);
    if (!base || !candidate || base->live || candidate->live)
        return;
    auto* view = new CompareView(window());
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->compare(base->result, base->name, candidate->result, candidate->name);
    view->show();
    Q_EMIT compareOpened(view);
}

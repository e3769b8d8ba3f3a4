#include "run/resultspanel.h"

#include "charts/requestscatterchart.h"
#include "models/errorsmodel.h"
#include "models/leveltablemodel.h"
#include "models/requestsortproxy.h"
#include "models/requesttablemodel.h"
#include "models/runcollection.h"
#include "models/summarytext.h"
#include "run/runslist.h"

#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
QSortFilterProxyModel* sortingProxy(QAbstractItemModel* source, int sortRole, QObject* parent) {
    auto* proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(source);
    proxy->setSortRole(sortRole);
    return proxy;
}

void setupTable(QTableView* view) {
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->horizontalHeader()->setDefaultSectionSize(view->fontMetrics().averageCharWidth() * 11);
    view->setWordWrap(false);
}

// Columns as wide as their titles (never clipped headers); the level table has few rows,
// so its columns also follow their contents.
void fitColumnsToHeaders(QTableView* view) {
    const QFontMetrics metrics(view->horizontalHeader()->font());
    const int minimum = metrics.averageCharWidth() * 8;
    QAbstractItemModel* model = view->model();
    for (int column = 0; column < model->columnCount(); ++column) {
        const QString title = model->headerData(column, Qt::Horizontal).toString();
        view->setColumnWidth(column, std::max(minimum, metrics.horizontalAdvance(title) + 28));
    }
}
} // namespace

ResultsPanel::ResultsPanel(RunCollection* runs, QWidget* parent)
    : QWidget(parent)
    , m_runs(runs)
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_levelModel(new LevelTableModel(runs, this))
    , m_levelProxy(sortingProxy(m_levelModel, LevelTableModel::SortRole, this))
    , m_levelView(new QTableView(this))
    , m_requestModel(new RequestTableModel(runs, this))
    , m_requestProxy(new RequestSortProxy(m_requestModel, this))
    , m_requestView(new QTableView(this))
    , m_errorsModel(new ErrorsModel(runs, this))
    , m_errorsProxy(sortingProxy(m_errorsModel, ErrorsModel::SortRole, this))
    , m_errorsView(new QTreeView(this))
    , m_runsList(new RunsList(runs, this)) {
    m_summary->setObjectName(u"summaryText"_s);
    m_levelView->setObjectName(u"levelTable"_s);
    m_requestView->setObjectName(u"requestTable"_s);
    m_errorsView->setObjectName(u"errorsTree"_s);
    m_tabs->setObjectName(u"resultTabs"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setMargin(6);
    m_summary->setFrameShape(QFrame::StyledPanel);
    m_summary->setBackgroundRole(QPalette::AlternateBase);
    m_summary->setAutoFillBackground(true);
    QFont summaryFont = m_summary->font();
    summaryFont.setPointSizeF(summaryFont.pointSizeF() * 1.1);
    m_summary->setFont(summaryFont);

    m_levelView->setModel(m_levelProxy);
    setupTable(m_levelView);
    m_levelView->sortByColumn(-1, Qt::AscendingOrder); // plan order until a header is clicked
    m_levelView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The server's columns only for a run that scraped the server (issue 12), the cost ones
    // only with a price, an embeddings run's instead of the token ones (issue 14); a reset of
    // the model resets the header's hidden sections, so both re-apply it.
    const auto showServerColumns = [this] {
        for (int column = 0; column < LevelTableModel::ColumnCount; ++column)
            m_levelView->setColumnHidden(column, !m_levelModel->isColumnShown(column));
    };
    showServerColumns();
    connect(m_levelModel, &LevelTableModel::serverColumnsChanged, this, showServerColumns);
    connect(m_levelModel, &LevelTableModel::costColumnsChanged, this, showServerColumns);
    connect(m_levelModel, &LevelTableModel::kindColumnsChanged, this, showServerColumns);
    connect(m_levelModel, &LevelTableModel::timingColumnsChanged, this, showServerColumns);
    connect(m_levelModel, &QAbstractItemModel::modelReset, this, showServerColumns);
    m_requestView->setModel(m_requestProxy);
    setupTable(m_requestView);
    m_requestView->sortByColumn(-1, Qt::AscendingOrder);
    m_requestView->horizontalHeader()->setStretchLastSection(true);
    fitColumnsToHeaders(m_requestView);
    m_errorsView->setModel(m_errorsProxy);
    m_errorsView->setSortingEnabled(true);
    m_errorsView->sortByColumn(-1, Qt::AscendingOrder);
    m_errorsView->setAlternatingRowColors(true);
    m_errorsView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_errorsView->header()->setStretchLastSection(false);

    m_tabs->addTab(m_levelView, tr("Levels"));
    m_tabs->addTab(buildRequestsPage(), tr("Requests"));
    m_tabs->addTab(m_errorsView, tr("Errors"));
    m_tabs->addTab(m_runsList, tr("Runs"));
    m_tabs->setDocumentMode(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);

    connect(m_levelView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ResultsPanel::onLevelRowChanged);
    connect(m_runs, &RunCollection::runUpdated, this, [this](int id) {
        if (id != m_runs->currentId())
            return;
        updateSummary();
        const RunCollection::Run* run = m_runs->current();
        // Live: the request table follows the running level until the user picks one.
        if (m_followLive && run && run->live && !run->result.summary.levels.isEmpty())
            setRequestLevel(run->result.summary.levels.constLast().index);
        updateTabTitles();
        updateScatter();
    });
    connect(m_runs, &RunCollection::currentChanged, this, [this] {
        updateSummary();
        // No level picked yet: the last one's requests, in a later pass of the event loop. For
        // a run of a million that is its own tens of milliseconds (the rows, the table's
        // reset): after the other tables and the charts, not in one long stall with them
        // (issue 17). A timer, not a zero-timer: that is a posted event, which runs in the
        // same pass as the events posted before it (the run's arrival, the repaint).
        QTimer::singleShot(1, this, [this] {
            const RunCollection::Run* run = m_runs->current();
            if (run && !run->result.summary.levels.isEmpty() && m_requestModel->level() < 0)
                setRequestLevel(run->result.summary.levels.constLast().index);
        });
        updateTabTitles();
        updateScatter();
    });
    connect(m_runs, &RunCollection::runsChanged, this, [this] {
        updateSummary();
        updateTabTitles();
    });
    updateSummary();
}

void ResultsPanel::followLiveLevel() {
    m_followLive = true;
}

QString ResultsPanel::summary() const {
    return m_summary->text();
}

int ResultsPanel::selectedLevel() const {
    return m_requestModel->level();
}

void ResultsPanel::updateSummary() {
    const RunCollection::Run* run = m_runs->current();
    m_summary->setText(run ? SummaryText::describe(run->result, run->live)
                           : tr("Press Start to sweep the endpoint. The charts fill in one point "
                                "per level; the plateau is where more parallel requests stop "
                                "adding throughput."));
}

void ResultsPanel::updateTabTitles() {
    const RunCollection::Run* run = m_runs->current();
    QString level;
    if (run) {
        for (const LevelSummary& s : run->result.summary.levels)
            if (s.index == m_requestModel->level())
                level = s.label();
    }
    m_tabs->setTabText(RequestsTab,
                       level.isEmpty() ? tr("Requests") : tr("Requests (%1)").arg(level));
    const int errors = m_errorsModel->totalErrors();
    m_tabs->setTabText(ErrorsTab, errors > 0 ? tr("Errors (%1)").arg(errors) : tr("Errors"));
    m_tabs->setTabText(RunsTab, tr("Runs (%1)").arg(m_runs->runs().size()));
}

void ResultsPanel::setRequestLevel(int levelIndex) {
    if (m_requestModel->level() != levelIndex) {
        m_requestModel->setLevel(levelIndex);
        updateTabTitles();
        updateScatter();
    }
}

void ResultsPanel::onLevelRowChanged() {
    if (m_selecting)
        return;
    const QModelIndex current = m_levelView->currentIndex();
    if (!current.isValid())
        return;
    const int level =
        m_levelProxy->mapToSource(current).data(LevelTableModel::LevelIndexRole).toInt();
    m_followLive = false;
    setRequestLevel(level);
    Q_EMIT levelSelected(m_runs->currentId(), level);
}

void ResultsPanel::selectLevel(int levelIndex) {
    const int row = m_levelModel->rowOfLevel(levelIndex);
    if (row < 0)
        return;
    m_selecting = true;
    const QModelIndex index = m_levelProxy->mapFromSource(m_levelModel->index(row, 0));
    m_levelView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
    m_levelView->scrollTo(index);
    m_selecting = false;
    m_followLive = false;
    setRequestLevel(levelIndex);
}

QWidget* ResultsPanel::buildRequestsPage() {
    auto* page = new QWidget(this);
    m_requestDisplay = new QComboBox(page);
    m_requestDisplay->setObjectName(u"requestDisplay"_s);
    m_requestDisplay->addItem(tr("Table"), RequestTable);
    m_requestDisplay->addItem(tr("TTFT vs input tokens"), TtftVsInputScatter);
    m_requestDisplay->addItem(tr("End-to-end vs output tokens"), E2eVsOutputScatter);
    m_requestDisplay->addItem(tr("TTFT by conversation turn"), TtftByTurnScatter);
    m_scatter = new RequestScatterChart;
    m_scatterView = new QChartView(m_scatter, page); // the view owns the chart
    m_scatterView->setObjectName(u"requestScatter"_s);
    m_scatterView->setRenderHint(QPainter::Antialiasing);
    m_requestStack = new QStackedWidget(page);
    m_requestStack->addWidget(m_requestView);
    m_requestStack->addWidget(m_scatterView);

    // A large level sorts on a worker: the rows keep their order until it is done.
    m_sorting = new QLabel(page);
    m_sorting->setObjectName(u"requestSorting"_s);
    m_sorting->hide();
    connect(m_requestProxy, &RequestSortProxy::sortingChanged, this, [this](bool sorting) {
        m_sorting->setText(tr("Sorting %L1 requests…").arg(m_requestProxy->rowCount()));
        m_sorting->setVisible(sorting);
    });

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show:"), page));
    bar->addWidget(m_requestDisplay);
    bar->addSpacing(12);
    bar->addWidget(m_sorting);
    bar->addStretch();
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_requestStack, 1);
    connect(m_requestDisplay, &QComboBox::currentIndexChanged, this, [this] {
        m_requestStack->setCurrentIndex(
            m_requestDisplay->currentData().toInt() == RequestTable ? 0 : 1);
        updateScatter();
    });
    return page;
}

void ResultsPanel::setRequestDisplay(RequestDisplay display) {
    m_requestDisplay->setCurrentIndex(m_requestDisplay->findData(int(display)));
}

void ResultsPanel::updateScatter() {
    const int display = m_requestDisplay->currentData().toInt();
    if (display == RequestTable)
        return; // nothing to draw while the table is shown
    const RunCollection::Run* run = m_runs->current();
    const int level = m_requestModel->level();
    const auto view = display == TtftVsInputScatter   ? RequestScatter::View::TtftVsInput
                      : display == E2eVsOutputScatter ? RequestScatter::View::E2eVsOutput
                                                      : RequestScatter::View::TtftByTurn;
    const RecordStore none;
    const RequestScatter scatter =
        RequestScatter::build(run ? run->result.records : none, level, view);
    QString levelName;
    if (run) {
        for (const LevelSummary& s : run->result.summary.levels)
            if (s.index == level)
                levelName = s.label();
    }
    QString title = levelName.isEmpty()
                        ? tr("No level selected")
                        : tr("%1: %2 requests").arg(levelName).arg(scatter.requests);
    if (view == RequestScatter::View::TtftByTurn && scatter.requests == 0 && !levelName.isEmpty())
        title =
            tr("%1: no conversation requests (a conversations workload has turns)").arg(levelName);
    else if (scatter.requests > scatter.points.size())
        title += tr(" (%1 drawn, evenly spread)").arg(scatter.points.size());
    m_scatter->setScatter(scatter, run ? run->color : QColor(), title);
}

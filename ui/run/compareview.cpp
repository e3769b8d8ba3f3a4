#include "run/compareview.h"

#include "models/comparemodel.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

CompareView::CompareView(QWidget* parent)
    : QDialog(parent)
    , m_model(new CompareModel(this))
    , m_verdict(new QLabel(this))
    , m_unmatched(new QLabel(this))
    , m_table(new QTableView(this)) {
    setObjectName(QStringLiteral("compareView"));
    m_verdict->setObjectName(QStringLiteral("compareVerdict"));
    m_verdict->setWordWrap(true);
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_unmatched->setWordWrap(true);
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* how = new QLabel(
        tr("Δ% = change from the first run to the second, with its 95% interval. Coloured "
           "(green better, vermillion worse) only where significant: the interval excludes 0. "
           "Throughput: Welch's t on the levels' batch-means intervals; latency percentiles: "
           "bootstrap over the levels' requests. As plateau-cli compare."),
        this);
    how->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_verdict);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_unmatched);
    layout->addWidget(how);
    layout->addWidget(buttons);
    resize(1100, 420);
}

void CompareView::compare(const RunResult& base, const QString& baseName,
                          const RunResult& candidate, const QString& candidateName) {
    setWindowTitle(tr("Compare %1 → %2").arg(baseName, candidateName));
    // The bootstrap resamples every level's requests: a second or two on big runs.
    QApplication::setOverrideCursor(Qt::WaitCursor);
    m_model->compare(base, baseName, candidate, candidateName);
    QApplication::restoreOverrideCursor();
    m_verdict->setText(m_model->verdict());
    const QStringList unmatched = m_model->unmatchedLevels();
    m_unmatched->setText(unmatched.isEmpty()
                             ? QString()
                             : tr("Not compared: %1").arg(unmatched.join(QStringLiteral(", "))));
    m_unmatched->setVisible(!unmatched.isEmpty());
}

QString CompareView::verdictText() const {
    return m_verdict->text();
}

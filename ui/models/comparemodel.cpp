#include "models/comparemodel.h"

#include "models/levelmetrics.h"
#include "models/runpalette.h"
#include "models/uiformat.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
const QString kPlateau = u"plateau_tps"_s;
const QString kThroughput = u"output_throughput_tps"_s;

// "+3.2%", "−1.5%": always signed, two significant digits at most past the point.
QString signedPercent(double percent) {
    if (!std::isfinite(percent))
        return UiFormat::dash();
    const QString number = UiFormat::number(std::fabs(percent), 2);
    return (percent < 0 ? u"−"_s : u"+"_s) + number + u'%';
}

// "ttft.p95" -> "TTFT p95"; the throughput figures by name.
QString figureTitle(const QString& figure) {
    if (figure == kThroughput)
        return CompareModel::tr("Output tok/s");
    const qsizetype dot = figure.indexOf(u'.');
    if (dot < 0)
        return figure;
    return LevelMetrics::metricShort(figure.left(dot)) + u' ' + figure.mid(dot + 1);
}

bool darkPalette() {
    return QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
}
} // namespace

CompareModel::CompareModel(QObject* parent)
    : QAbstractTableModel(parent) {
    // The plateau shares the throughput column, on its own row.
    m_figures = RunComparison::figureNames();
    m_figures.removeAll(kPlateau);
}

void CompareModel::compare(const RunResult& base, const QString& baseName,
                           const RunResult& candidate, const QString& candidateName) {
    beginResetModel();
    m_baseName = baseName;
    m_candidateName = candidateName;
    m_rows = RunComparison::compare(base, candidate);
    m_unmatched = RunComparison::unmatchedLevels(base, candidate);
    m_table.clear();
    // Rows in load order (refine appends levels out of order), the plateau first.
    QStringList labels{u"sweep"_s};
    for (const LevelSummary& level : LevelMetrics::byLoad(base.summary.levels))
        labels << level.label();
    for (const QString& label : labels) {
        Row row{label == u"sweep"_s ? tr("Plateau") : label,
                QList<qsizetype>(m_figures.size(), -1)};
        bool any = false;
        for (qsizetype i = 0; i < m_rows.size(); ++i) {
            const FigureComparison& f = m_rows.at(i);
            if (f.level != label)
                continue;
            const qsizetype column =
                m_figures.indexOf(f.figure == kPlateau ? kThroughput : f.figure);
            if (column >= 0) {
                row.cells[column] = i;
                any = true;
            }
        }
        if (any)
            m_table.append(row);
    }
    endResetModel();
}

int CompareModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_table.size());
}

int CompareModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_figures.size()) + 1;
}

const FigureComparison* CompareModel::comparison(int row, int column) const {
    if (row < 0 || row >= m_table.size() || column < 1 || column > m_figures.size())
        return nullptr;
    const qsizetype i = m_table.at(row).cells.at(column - 1);
    return i >= 0 ? &m_rows.at(i) : nullptr;
}

bool CompareModel::isBetter(const FigureComparison& row) {
    return row.result.significant && (row.result.delta > 0) == row.higherIsBetter;
}

bool CompareModel::isWorse(const FigureComparison& row) {
    return row.result.significant && (row.result.delta > 0) != row.higherIsBetter;
}

QVariant CompareModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    if (index.column() == 0)
        return role == Qt::DisplayRole ? QVariant(m_table.at(index.row()).label) : QVariant();
    const FigureComparison* f = comparison(index.row(), index.column());
    if (!f)
        return role == Qt::DisplayRole ? QVariant(QString()) : QVariant();
    switch (role) {
    case Qt::DisplayRole:
        return cellText(*f);
    case Qt::ToolTipRole:
        return cellToolTip(*f);
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (!f->result.significant)
            return {}; // within the noise: the palette's own text colour
        return RunPalette::color(isBetter(*f) ? RunPalette::Role::Better : RunPalette::Role::Worse,
                                 darkPalette());
    case Qt::FontRole: {
        if (!f->result.significant)
            return {};
        QFont font;
        font.setBold(true);
        return font;
    }
    case SignificantRole:
        return f->result.significant;
    case BetterRole:
        return isBetter(*f);
    default:
        return {};
    }
}

QVariant CompareModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section > m_figures.size())
        return {};
    if (role == Qt::DisplayRole)
        return section == 0 ? tr("Level") : figureTitle(m_figures.at(section - 1));
    if (role == Qt::ToolTipRole && section > 0)
        return tr("Δ%% = (%1 − %2) / %2 with its 95% interval").arg(m_candidateName, m_baseName);
    return {};
}

QString CompareModel::cellText(const FigureComparison& row) const {
    const Comparison& c = row.result;
    const QString change = signedPercent(c.deltaPercent);
    if (!c.ok())
        return change + u" "_s + tr("(no test)");
    if (!std::isfinite(c.ciPercentLo) || !std::isfinite(c.ciPercentHi))
        return change;
    return change + u" ["_s + signedPercent(c.ciPercentLo) + u", "_s +
           signedPercent(c.ciPercentHi) + u']';
}

QString CompareModel::cellToolTip(const FigureComparison& row) const {
    const Comparison& c = row.result;
    const bool ms = row.unit == u"ms"_s;
    auto value = [ms](double v) { return ms ? UiFormat::ms(v) : UiFormat::tps(v); };
    QString text =
        tr("%1 → %2 (%3 → %4)").arg(m_baseName, m_candidateName, value(c.base), value(c.candidate));
    if (!c.ok())
        return text + u"\n"_s + QString::fromStdString(c.note);
    text += u"\n"_s + (c.significant ? tr("Significant: the 95% interval of Δ excludes 0")
                                     : tr("Within the noise: the 95% interval of Δ includes 0"));
    if (std::isfinite(c.pValue))
        text +=
            u"\n"_s +
            tr("p = %1 (%2)").arg(UiFormat::number(c.pValue, 2), QString::fromStdString(c.method));
    return text;
}

int CompareModel::significantCount() const {
    return betterCount() + worseCount();
}

int CompareModel::betterCount() const {
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), &CompareModel::isBetter));
}

int CompareModel::worseCount() const {
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), &CompareModel::isWorse));
}

QStringList CompareModel::unmatchedLevels() const {
    return m_unmatched;
}

QString CompareModel::verdict() const {
    if (m_rows.isEmpty())
        return tr("Nothing to compare: the runs share no level.");
    const int tested = int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                                         [](const FigureComparison& f) { return f.result.ok(); }));
    QString plateau;
    for (const FigureComparison& f : m_rows) {
        if (f.figure == kPlateau && std::isfinite(f.result.deltaPercent))
            plateau = tr("; plateau %1%2")
                          .arg(signedPercent(f.result.deltaPercent),
                               f.result.significant ? QString() : tr(" (within noise)"));
    }
    if (significantCount() == 0)
        return tr("%1 vs %2: no significant difference in %3 tested figures%4")
            .arg(m_candidateName, m_baseName)
            .arg(tested)
            .arg(plateau);
    return tr("%1 vs %2: %3 significantly better, %4 significantly worse of %5 tested figures%6")
        .arg(m_candidateName, m_baseName)
        .arg(betterCount())
        .arg(worseCount())
        .arg(tested)
        .arg(plateau);
}

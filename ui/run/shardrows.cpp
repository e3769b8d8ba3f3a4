#include "run/shardrows.h"

#include "models/uiformat.h"
#include "results/runresult.h"

#include <QCoreApplication>
#include <QMap>
#include <QTreeWidgetItem>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {
enum Column { NameColumn, LevelsColumn, PeakColumn, EndpointColumn }; // RunsList's columns

QString tr(const char* text) {
    return QCoreApplication::translate("ShardRows", text);
}

double finiteOr0(double value) {
    return std::isfinite(value) ? value : 0.0;
}

// Every shard's own output throughput at level `index`, summed: the base of its shares.
double levelTotalTps(const QList<MergedShard>& shards, int index) {
    double total = 0.0;
    for (const MergedShard& shard : shards)
        for (const LevelSummary& level : shard.levels)
            if (level.index == index)
                total += finiteOr0(level.outputThroughputTps);
    return total;
}

int errorCount(const LevelSummary& level) {
    int errors = 0;
    for (int n : level.errors)
        errors += n;
    return errors;
}

struct ShardFigures {
    int requests = 0;
    int errors = 0;
    QStringList clientBound; // level labels
    QStringList shares;      // "c=8 51%"
    QStringList tooltipRows;
};

// A shard's level named as the merged level it was a share of ("c=12", not its own "c=4").
ShardFigures figures(const MergedShard& shard, const QList<MergedShard>& all,
                     const QMap<int, QString>& mergedLabels) {
    ShardFigures f;
    for (const LevelSummary& level : shard.levels) {
        const QString label = mergedLabels.value(level.index, level.label());
        f.requests += level.requests;
        f.errors += errorCount(level);
        if (level.clientBound)
            f.clientBound.append(label);
        const double total = levelTotalTps(all, level.index);
        const QString share = total > 0.0
                                  ? UiFormat::percent(finiteOr0(level.outputThroughputTps) / total)
                                  : UiFormat::dash();
        f.shares.append(u"%1 %2"_s.arg(label, share));
        f.tooltipRows.append(
            u"<tr><td>%1</td><td align=right>%2</td><td align=right>%3</td><td "
            u"align=right>%4</td><td align=right>%5</td><td>%6</td></tr>"_s.arg(
                label.toHtmlEscaped(), UiFormat::integer(level.requests),
                UiFormat::integer(errorCount(level)), UiFormat::tps(level.outputThroughputTps),
                share,
                level.clientBound ? tr("client-bound: ") + level.clientBoundReason.toHtmlEscaped()
                                  : QString()));
    }
    return f;
}

QString tooltip(const MergedShard& shard, const ShardFigures& f) {
    return u"<b>%1</b><br>%2<br>%3<table cellspacing=0 "
           u"cellpadding=3><tr><th>%4</th><th>%5</th><th>%6</th>"
           u"<th>%7</th><th>%8</th><th></th></tr>%9</table>"_s.arg(
               tr("Shard %1").arg(shard.index), shard.file.toHtmlEscaped(),
               tr("Clock offset applied: %1")
                   .arg(ShardRows::clockText(shard.clock.offsetMs, shard.clock.uncertaintyMs,
                                             shard.clock.source)
                            .toHtmlEscaped()),
               tr("Level"), tr("Requests"), tr("Errors"), tr("Output"), tr("Share"),
               f.tooltipRows.join(QString()));
}
} // namespace

QString ShardRows::clockText(double offsetMs, double uncertaintyMs, const QString& source) {
    if (uncertaintyMs < 0.0)
        return tr("no estimate (%1)").arg(source);
    const QString offset = (offsetMs >= 0.0 ? u"+"_s : QString()) + UiFormat::ms(offsetMs);
    if (uncertaintyMs == 0.0)
        return u"%1 (%2)"_s.arg(offset, source);
    return u"%1 ±%2 (%3)"_s.arg(offset, UiFormat::ms(uncertaintyMs), source);
}

int ShardRows::addTo(QTreeWidgetItem* runItem, const RunResult& result, int idRole) {
    if (!result.shard.merged)
        return 0;
    const QList<MergedShard>& shards = result.shard.shards;
    QMap<int, QString> mergedLabels;
    for (const LevelSummary& level : result.summary.levels)
        mergedLabels.insert(level.index, level.label());
    for (const MergedShard& shard : shards) {
        const ShardFigures f = figures(shard, shards, mergedLabels);
        auto* row = new QTreeWidgetItem(runItem);
        row->setData(NameColumn, idRole, runItem->data(NameColumn, idRole)); // selects its run
        row->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        QString name = tr("shard %1/%2: %3 req, %4 errors")
                           .arg(shard.index)
                           .arg(result.shard.count)
                           .arg(UiFormat::integer(f.requests), UiFormat::integer(f.errors));
        if (!f.clientBound.isEmpty())
            name += tr(", client-bound at %1").arg(f.clientBound.join(u", "_s));
        row->setText(NameColumn, name);
        row->setText(LevelsColumn, QString::number(shard.levels.size()));
        row->setText(PeakColumn, f.shares.join(u" · "_s));
        row->setText(EndpointColumn,
                     tr("clock %1")
                         .arg(clockText(shard.clock.offsetMs, shard.clock.uncertaintyMs,
                                        shard.clock.source)));
        const QString tip = tooltip(shard, f);
        for (int column = NameColumn; column <= EndpointColumn; ++column)
            row->setToolTip(column, tip);
    }
    return int(shards.size());
}

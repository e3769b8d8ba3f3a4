#pragma once

#include <QString>

class QTreeWidgetItem;
struct RunResult;

// Issue 15: a merged result's shards as child rows of its run in the runs list. Each row says
// the shard's index, requests and errors, the levels where it was client-bound, its clock
// offset against the endpoint (as the merge applied it, with its uncertainty) and its share of
// each level's output throughput; the tooltip has the figures level by level.
class ShardRows {
public:
    // Adds one child per shard under runItem when result is a merge; returns how many.
    static int addTo(QTreeWidgetItem* runItem, const RunResult& result, int idRole);

    // "+12.0 ±5.0 ms (date_tick)", "none", "override -1,500 ms".
    static QString clockText(double offsetMs, double uncertaintyMs, const QString& source);
};

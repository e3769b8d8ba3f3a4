#pragma once

#include "cli/clioptions.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

// `plateau-cli merge SHARD.json|SHARD.journal.jsonl... --out merged.json [--clock-offset I=MS]`
// (issue 15): one result from every shard of a sharded run (results/shardmerger.h), written
// like any run's (--out, --csv, --vllm-json, --vllm-dir) with its summary table.
class MergeCommand {
public:
    struct Invocation {
        QStringList files;
        QMap<int, double> clockOverridesMs; // --clock-offset I=MS
        RunOutputs outputs;
        bool help = false;
    };
    static std::optional<Invocation> parse(const QStringList& args, QString* error);
    static int exec(const Invocation& inv);
    static int main(const QStringList& args);
    static QString helpText();
};

#pragma once

#include "results/runresult.h"

#include <QString>

// Why the plateau is where it is, from the server's own figures (issue 12), in one sentence
// for the summary; "" when the run did not scrape the server, found no plateau, or the
// server's figures do not tell. In order of precedence:
//   memory  "KV cache at 98% from c=48: memory, not compute, limits throughput (12 preemptions)."
//   batch   "From c=64 the server runs 64 sequences and queues the rest (waiting ≈ 64 at c=128):
//            its batch limit is the plateau."
//   compute "From c=64 the server admits every request (waiting 0, 64 running at c=128): each
//            decode step takes longer with a larger batch, so compute limits throughput."
class ServerPlateauExplanation {
public:
    static constexpr double kFullKvCache = 0.95; // KV-cache usage counted as full
    static QString sentence(const RunResult& result);
};

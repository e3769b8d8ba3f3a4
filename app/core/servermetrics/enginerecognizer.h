#pragma once

#include "servermetrics/prometheusscrape.h"
#include "servermetrics/recognizedmetrics.h"

#include <QStringList>

// Maps a parsed scrape onto the ServerVocabulary. The engine is the one whose names match the
// most vocabulary entries (the built-in simulator serves vLLM's names and is recognised as
// vLLM). Label sets are combined per the vocabulary (sum for counters, running and waiting, max
// for KV usage, mean for a hit-rate gauge, histograms bucket by bucket); NaN and infinite
// samples are left out. A KV usage above 1 (up to 100) is read as a percentage and converted
// to a fraction. Extra names are kept as they are: a family name (or, for a counter, its
// _total sample name), summed over label sets.
class EngineRecognizer {
public:
    explicit EngineRecognizer(const QStringList& extraNames = {});
    RecognizedMetrics recognize(const PrometheusScrape& scrape) const;

    // One family's value for a gauge or counter entry (no label set with a finite value: false).
    static bool combinedValue(const MetricFamily& family, ServerVocabulary::Aggregation aggregation,
                              double* value);
    // A histogram family's buckets summed over label sets (false if none is well formed).
    static bool combinedHistogram(const MetricFamily& family, ServerHistogram* histogram);

private:
    QStringList m_extraNames;
};

#pragma once

#include <QString>

// Plateau's metric names beside the names vLLM bench serve, GuideLLM and NVIDIA AIPerf
// use for the same (or the nearest) quantity, so numbers can be compared across tools.
// Shown as a tooltip / help text next to the charts and tables.
class NamingLegend {
public:
    static QString html();      // a small table for tooltips and help panes
    static QString plainText(); // the same as aligned lines
};

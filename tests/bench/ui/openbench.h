#pragma once

#include <QString>

// bench_ui --open FILE (issue 17): the GUI's memory with a large results file open. Opens the
// file as File > Open does (FileActions::openFile: the kind, the streaming reader, the run
// collection, every model and chart), then shows the Requests tab of its first level, sorts
// it by TTFT and by error message, scrolls to the end and back; prints RSS and the peak
// (VmHWM) after each step, and each step's time. Goal: <= 300 MB with 1 M requests.
namespace OpenBench {
int run(const QString& path);
}

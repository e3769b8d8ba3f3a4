#pragma once

#include <QString>

// bench_ui --open FILE (issue 17): the GUI with a large results file open. Opens the file as
// File > Open does (FileActions::openInteractive: the kind, the streaming reader on a worker
// thread, then the run collection, every model and chart on the GUI thread) while a 10 ms
// timer measures the event loop's longest stall (goal <= 100 ms); then shows the Requests tab
// of its first level, sorts it by TTFT and by error message (each sort's longest stall
// measured likewise: a large level sorts on a worker), scrolls to the end and back;
// prints RSS and the peak (VmHWM) after each step, and each step's time. Goal: <= 300 MB with
// 1 M requests. sync (--sync): the blocking openFile instead, as File > Open was before;
// syncSort (--sync-sort): every sort on the GUI thread, as the request table sorted before.
namespace OpenBench {
int run(const QString& path, bool sync, bool syncSort);
}

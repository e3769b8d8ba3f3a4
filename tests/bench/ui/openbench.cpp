#include "openbench.h"

#include "eventloopprobe.h"
#include "models/requestsortproxy.h"
#include "models/requesttablemodel.h"
#include "procstatus.h"
#include "run/resultspanel.h"
#include "window/fileactions.h"
#include "window/filework.h"
#include "window/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <cstdio>
#include <functional>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
void print(const QString& text) {
    std::fputs(text.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// Runs a step, lets the window repaint, and prints its time and the memory after it.
void step(const QString& name, const std::function<void()>& action) {
    QElapsedTimer timer;
    timer.start();
    action();
    QApplication::processEvents();
    print(u"  %1: %2 s; RSS %3 MB, peak %4 MB"_s.arg(name)
              .arg(timer.elapsed() / 1000.0, 0, 'f', 2)
              .arg(ProcStatus::kb("VmRSS") / 1024.0, 0, 'f', 1)
              .arg(ProcStatus::kb("VmHWM") / 1024.0, 0, 'f', 1));
}
// "what: 1.23 s; longest GUI event-loop stall ..." and where the stalls over 100 ms were.
void printStall(const QString& what, double seconds, const EventLoopProbe& probe) {
    const double worst = probe.worstStallMs();
    print(u"  %1: %2 s; longest GUI event-loop stall %3 ms (10 ms probe, %4 ticks; goal <= 100 "
          u"ms) -> %5; RSS %6 MB, peak %7 MB"_s.arg(what)
              .arg(seconds, 0, 'f', 2)
              .arg(worst, 0, 'f', 0)
              .arg(probe.samples())
              .arg(worst <= 100 ? u"PASS"_s : u"MISS"_s)
              .arg(ProcStatus::kb("VmRSS") / 1024.0, 0, 'f', 1)
              .arg(ProcStatus::kb("VmHWM") / 1024.0, 0, 'f', 1));
    if (probe.stallsOver(100) > 0)
        print(u"  stalls over 100 ms (s since the probe started): "_s +
              probe.stallsOverAt(100).join(u", "_s));
}

// Opens the file while a 10 ms probe measures the event loop's gaps, and prints the longest.
// Interactive: as File > Open does (read on a worker, the run added on the GUI thread);
// sync: the blocking openFile, which File > Open used before (the whole load is one stall).
// The probe runs on for half a second after the run is added: the charts and tables redraw.
bool openWatched(MainWindow& window, const QString& path, bool sync, QString* error) {
    FileActions* files = window.fileActions();
    EventLoopProbe probe(10);
    QEventLoop loop;
    bool opened = false;
    const auto settle = [&] { QTimer::singleShot(500, &loop, &QEventLoop::quit); };
    QObject::connect(files, &FileActions::resultsOpened, &loop, [&] { opened = true; });
    // A failed open ends in a message box first: bench files are results Plateau wrote.
    QObject::connect(files->fileWork(), &FileWork::finished, &loop, settle);
    QElapsedTimer timer;
    QTimer::singleShot(50, &loop, [&] {
        timer.start();
        if (!sync) {
            files->openInteractive(path);
            return;
        }
        files->openFile(path, error);
        settle();
    });
    probe.start();
    loop.exec();
    probe.stop();
    printStall(u"file opened (File > Open, %1)"_s.arg(sync ? u"blocking openFile"_s
                                                           : u"read on a worker"_s),
               (timer.elapsed() - 500) / 1000.0, probe);
    return opened;
}
// Sorts the request table by a column as a click on its header does, while a 10 ms probe
// measures the event loop's gaps: a large level sorts on a worker (RequestSortProxy), so the
// longest stall is applying the new order and repainting, not the sort. Waits for the sort's
// end, then 300 ms for the repaint.
void sortWatched(ResultsPanel* results, int column, Qt::SortOrder order, const QString& name) {
    RequestSortProxy* proxy = results->requestProxy();
    EventLoopProbe probe(10);
    QEventLoop loop;
    const auto settle = [&] { QTimer::singleShot(300, &loop, &QEventLoop::quit); };
    const QMetaObject::Connection done =
        QObject::connect(proxy, &RequestSortProxy::sortingChanged, &loop, [&](bool sorting) {
            if (!sorting)
                settle();
        });
    QElapsedTimer timer;
    QTimer::singleShot(50, &loop, [&] {
        timer.start();
        results->requestView()->sortByColumn(column, order);
        if (!proxy->isSorting())
            settle(); // sorted at once (a small table)
    });
    probe.start();
    loop.exec();
    probe.stop();
    QObject::disconnect(done);
    printStall(name, (timer.elapsed() - 300) / 1000.0, probe);
}
} // namespace

int OpenBench::run(const QString& path, bool sync, bool syncSort) {
    MainWindow window;
    if (syncSort) // the keys and the order made on the GUI thread, at any size
        window.results()->requestProxy()->setWorkerRows(std::numeric_limits<int>::max());
    window.resize(1600, 1000);
    window.show();
    QApplication::processEvents();
    print(u"bench_ui --open %1"_s.arg(path));
    step(u"window shown"_s, [] {});
    QString error;
    if (!openWatched(window, path, sync, &error)) {
        print(u"  cannot open: "_s + error);
        return 1;
    }
    ResultsPanel* results = window.results();
    QTableView* table = results->requestView();
    step(u"Requests tab, first level"_s, [&] {
        results->tabs()->setCurrentIndex(ResultsPanel::RequestsTab);
        results->selectLevel(0);
    });
    print(u"  %1 rows in the request table"_s.arg(results->requestModel()->rowCount()));
    sortWatched(results, RequestTableModel::Ttft, Qt::DescendingOrder,
                u"sorted by TTFT (to sorted)"_s);
    sortWatched(results, RequestTableModel::Message, Qt::AscendingOrder,
                u"sorted by message (to sorted)"_s);
    step(u"scrolled to the end"_s,
         [&] { table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum()); });
    step(u"scrolled to the middle"_s,
         [&] { table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum() / 2); });
    step(u"plan order again"_s, [&] { table->sortByColumn(-1, Qt::AscendingOrder); });
    const qint64 peakKb = ProcStatus::kb("VmHWM");
    print(u"GUI with %1 open: peak RSS %2 MB (goal <= 300 MB) -> %3"_s.arg(path)
              .arg(peakKb / 1024.0, 0, 'f', 1)
              .arg(peakKb <= 300 * 1024 ? u"PASS"_s : u"MISS"_s));
    return 0;
}

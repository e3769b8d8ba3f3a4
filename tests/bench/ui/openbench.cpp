#include "openbench.h"

#include "models/requesttablemodel.h"
#include "procstatus.h"
#include "run/resultspanel.h"
#include "window/fileactions.h"
#include "window/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <cstdio>
#include <functional>

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
} // namespace

int OpenBench::run(const QString& path) {
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QApplication::processEvents();
    print(u"bench_ui --open %1"_s.arg(path));
    step(u"window shown"_s, [] {});
    bool opened = false;
    QString error;
    step(u"file opened (File > Open)"_s,
         [&] { opened = window.fileActions()->openFile(path, &error); });
    if (!opened) {
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
    step(u"sorted by TTFT"_s,
         [&] { table->sortByColumn(RequestTableModel::Ttft, Qt::DescendingOrder); });
    step(u"sorted by message"_s,
         [&] { table->sortByColumn(RequestTableModel::Message, Qt::AscendingOrder); });
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

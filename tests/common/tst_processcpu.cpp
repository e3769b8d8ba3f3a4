#include "common/processcpu.h"

#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <ctime>

namespace {
double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

void burn(double seconds) {
    const double start = threadCpuSeconds();
    volatile double sink = 0.0;
    while (threadCpuSeconds() - start < seconds)
        for (int i = 0; i < 10000; ++i)
            sink = sink + i;
}
} // namespace

class TestProcessCpu : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void simulatorThreadsAreNotTheClient();
};

void TestProcessCpu::simulatorThreadsAreNotTheClient() {
    const double all0 = ProcessCpu::seconds();
    const double client0 = ProcessCpu::clientSeconds();
    QSemaphore burnt;
    QSemaphore release;
    // A thread carrying the simulator's name burns 0.5 s of CPU and stays alive (its
    // /proc entry disappears with it) until the figures are read.
    QThread* sim = QThread::create([&] {
        burn(0.5);
        burnt.release();
        release.acquire();
    });
    sim->setObjectName(QStringLiteral("plateau-sim"));
    sim->start();
    burn(0.3); // the "client"
    burnt.acquire();
    const double all = ProcessCpu::seconds() - all0;
    const double client = ProcessCpu::clientSeconds() - client0;
    release.release();
    sim->wait();
    delete sim;
    qInfo("process %.3f s, client %.3f s", all, client);
    QVERIFY(all >= 0.8);
    // /proc counts in 10 ms ticks; 0.1 s of slack covers them and the test's own overhead.
    QVERIFY(client >= 0.25);
    QVERIFY(client <= 0.45);
}

QTEST_GUILESS_MAIN(TestProcessCpu)
#include "tst_processcpu.moc"

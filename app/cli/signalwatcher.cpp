#include "cli/signalwatcher.h"

#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
int s_writeFd = -1;

extern "C" void onTerminationSignal(int signalNumber) {
    // Async-signal-safe: one write(), nothing else.
    const char byte = char(signalNumber);
    [[maybe_unused]] const ssize_t n = ::write(s_writeFd, &byte, 1);
}

void install(int signalNumber, void (*handler)(int), int flags) {
    struct sigaction action = {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = flags;
    ::sigaction(signalNumber, &action, nullptr);
}
} // namespace

SignalWatcher::SignalWatcher(QObject* parent)
    : QObject(parent) {
    if (s_writeFd != -1 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, m_fds) != 0)
        return;
    ::fcntl(m_fds[0], F_SETFL, O_NONBLOCK);
    ::fcntl(m_fds[1], F_SETFL, O_NONBLOCK);
    s_writeFd = m_fds[1];
    m_notifier = new QSocketNotifier(m_fds[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::readPipe);
    install(SIGINT, onTerminationSignal, SA_RESTART | SA_RESETHAND);
    install(SIGTERM, onTerminationSignal, SA_RESTART | SA_RESETHAND);
}

SignalWatcher::~SignalWatcher() {
    if (!m_notifier)
        return;
    install(SIGINT, SIG_DFL, 0);
    install(SIGTERM, SIG_DFL, 0);
    s_writeFd = -1;
    delete m_notifier;
    ::close(m_fds[0]);
    ::close(m_fds[1]);
}

void SignalWatcher::readPipe() {
    char byte = 0;
    while (::read(m_fds[0], &byte, 1) == 1)
        Q_EMIT terminationRequested(int(byte));
}

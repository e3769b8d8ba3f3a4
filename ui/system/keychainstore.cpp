#include "system/keychainstore.h"

#include <QCoreApplication>
#include <QPointer>

#ifdef PLATEAU_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

using namespace Qt::StringLiterals;

KeychainStore::KeychainStore(QObject* parent)
    : QObject(parent) {
    if (!isCompiledIn()) {
        m_state = State::Unavailable;
        m_reason = tr("this build of Plateau has no keychain support (QtKeychain was not found "
                      "when it was built)");
    }
}

KeychainStore* KeychainStore::instance() {
    // Parented to the application so it is deleted with it (no leak at exit).
    static QPointer<KeychainStore> store;
    if (!store)
        store = new KeychainStore(QCoreApplication::instance());
    return store;
}

bool KeychainStore::isCompiledIn() {
#ifdef PLATEAU_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

QString KeychainStore::serviceName() {
    return u"io.github.plateau.Plateau"_s;
}

void KeychainStore::setState(State state, const QString& reason) {
    m_state = state;
    m_reason = reason;
    Q_EMIT stateChanged();
}

void KeychainStore::probe() {
#ifdef PLATEAU_HAVE_KEYCHAIN
    if (m_state != State::Unknown || m_probing)
        return;
#if defined(Q_OS_LINUX)
    // Without a session bus QtKeychain can only fail; say so plainly instead of its error.
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        setState(State::Unavailable,
                 tr("no desktop session bus (D-Bus): the system keychain needs a logged-in "
                    "desktop session with a Secret Service such as GNOME Keyring or KWallet"));
        return;
    }
#endif
    m_probing = true;
    // Reading an entry that does not exist tells "keychain works" (EntryNotFound) apart
    // from "no backend" without touching any real secret.
    auto* job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setKey(u"plateau-availability-probe"_s);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        m_probing = false;
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
            setState(State::Available, {});
        else
            setState(State::Unavailable,
                     tr("the system keychain did not answer: %1").arg(job->errorString()));
    });
    job->start();
#endif
}

void KeychainStore::read(const QString& entry, ReadCallback callback) {
#ifdef PLATEAU_HAVE_KEYCHAIN
    auto* job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setKey(entry);
    connect(job, &QKeychain::Job::finished, this, [job, callback] {
        if (job->error() == QKeychain::NoError)
            callback(job->textData(), {});
        else if (job->error() == QKeychain::EntryNotFound)
            callback({}, tr("the keychain has no entry \"%1\"").arg(job->key()));
        else
            callback({}, tr("keychain: %1").arg(job->errorString()));
    });
    job->start();
#else
    Q_UNUSED(entry);
    callback({}, m_reason);
#endif
}

void KeychainStore::write(const QString& entry, const QString& secret, WriteCallback callback) {
#ifdef PLATEAU_HAVE_KEYCHAIN
    auto* job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setKey(entry);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [job, callback] {
        callback(job->error() == QKeychain::NoError ? QString()
                                                    : tr("keychain: %1").arg(job->errorString()));
    });
    job->start();
#else
    Q_UNUSED(entry);
    Q_UNUSED(secret);
    callback(m_reason);
#endif
}

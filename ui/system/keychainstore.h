#pragma once

#include <QObject>
#include <QString>
#include <functional>

// The system keychain (Secret Service / KWallet / macOS Keychain) through QtKeychain,
// when Plateau was built with it. Entries live under the service
// "io.github.plateau.Plateau"; a profile only ever holds "keychain:ENTRY".
// One shared instance: availability is probed once, asynchronously.
class KeychainStore : public QObject {
    Q_OBJECT
public:
    enum class State { Unknown, Available, Unavailable };
    using ReadCallback = std::function<void(const QString& secret, const QString& error)>;
    using WriteCallback = std::function<void(const QString& error)>;

    static KeychainStore* instance();
    static bool isCompiledIn();
    static QString serviceName();

    State state() const { return m_state; }
    QString unavailableReason() const { return m_reason; }
    void probe(); // no-op once known or running

    void read(const QString& entry, ReadCallback callback);
    void write(const QString& entry, const QString& secret, WriteCallback callback);

Q_SIGNALS:
    void stateChanged();

private:
    explicit KeychainStore(QObject* parent);
    void setState(State state, const QString& reason);

    State m_state = State::Unknown;
    QString m_reason;
    bool m_probing = false;
};

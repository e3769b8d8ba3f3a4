#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

// Where an endpoint's API key comes from: nothing, an environment variable (stored in
// the profile as "${env:NAME}") or a system keychain entry ("keychain:ENTRY"). The
// secret itself never reaches the profile.
class KeySourceWidget : public QWidget {
    Q_OBJECT
public:
    enum Source { None = 0, Environment = 1, Keychain = 2 };

    explicit KeySourceWidget(QWidget* parent = nullptr);

    void setReference(const QString& reference);
    QString reference() const;
    QString problem() const; // blocks a run: bad variable name, keychain unusable

Q_SIGNALS:
    void changed();

private:
    void updateState();
    void storeSecret();

    QComboBox* m_source;
    QLineEdit* m_name;
    QPushButton* m_store;
    QLabel* m_status;
};

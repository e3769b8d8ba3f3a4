#include "editors/keysourcewidget.h"

#include "profile/apikeyresolver.h"
#include "system/keychainstore.h"

#include <QComboBox>
#include <QGridLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QStandardItemModel>

using namespace Qt::StringLiterals;

KeySourceWidget::KeySourceWidget(QWidget* parent)
    : QWidget(parent)
    , m_source(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_store(new QPushButton(tr("Store key…"), this))
    , m_status(new QLabel(this)) {
    m_source->setObjectName(u"keySource"_s);
    m_name->setObjectName(u"keyName"_s);
    m_store->setObjectName(u"storeKey"_s);
    m_source->addItem(tr("No key"));
    m_source->addItem(tr("Environment variable"));
    m_source->addItem(tr("System keychain"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_source, 0, 0);
    layout->addWidget(m_name, 0, 1);
    layout->addWidget(m_store, 0, 2);
    layout->addWidget(m_status, 1, 0, 1, 3);
    layout->setColumnStretch(1, 1);

    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        updateState();
        Q_EMIT changed();
    });
    connect(m_name, &QLineEdit::textChanged, this, [this] {
        updateState();
        Q_EMIT changed();
    });
    connect(m_store, &QPushButton::clicked, this, &KeySourceWidget::storeSecret);
    connect(KeychainStore::instance(), &KeychainStore::stateChanged, this, [this] {
        updateState();
        Q_EMIT changed();
    });
    updateState();
}

void KeySourceWidget::setReference(const QString& reference) {
    {
        const QSignalBlocker b1(m_source);
        const QSignalBlocker b2(m_name);
        if (ApiKeyResolver::isKeychainReference(reference)) {
            m_source->setCurrentIndex(Keychain);
            m_name->setText(ApiKeyResolver::keychainEntry(reference));
        } else if (ApiKeyResolver::isEnvReference(reference)) {
            m_source->setCurrentIndex(Environment);
            m_name->setText(ApiKeyResolver::envVariableName(reference));
        } else {
            m_source->setCurrentIndex(None);
            m_name->clear();
        }
    }
    updateState();
}

QString KeySourceWidget::reference() const {
    const QString name = m_name->text().trimmed();
    // A missing or malformed name is no reference yet (problem() says why); passing it on
    // would only add the validator's "never hold the key" to the message.
    static const QRegularExpression envName(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    if ((m_source->currentIndex() == Environment && !envName.match(name).hasMatch()) ||
        (m_source->currentIndex() == Keychain && name.isEmpty()))
        return {};
    switch (m_source->currentIndex()) {
    case Environment:
        return ApiKeyResolver::envReference(name);
    case Keychain:
        return ApiKeyResolver::keychainReference(name);
    default:
        return {};
    }
}

QString KeySourceWidget::problem() const {
    const QString name = m_name->text().trimmed();
    switch (m_source->currentIndex()) {
    case Environment: {
        static const QRegularExpression valid(u"^[A-Za-z_][A-Za-z0-9_]*$"_s); // POSIX names
        if (name.isEmpty())
            return tr("needs the name of the environment variable that holds it, e.g. "
                      "OPENAI_API_KEY");
        if (!valid.match(name).hasMatch())
            return tr("\"%1\" is not a valid environment variable name").arg(name);
        return {};
    }
    case Keychain: {
        if (name.isEmpty())
            return tr("needs the name of the keychain entry that holds it");
        const KeychainStore* store = KeychainStore::instance();
        if (store->state() == KeychainStore::State::Unavailable)
            return tr("cannot come from the system keychain here: %1. Use an environment "
                      "variable instead.")
                .arg(store->unavailableReason());
        return {};
    }
    default:
        return {};
    }
}

void KeySourceWidget::updateState() {
    const int source = m_source->currentIndex();
    KeychainStore* store = KeychainStore::instance();
    m_name->setVisible(source != None);
    m_store->setVisible(source == Keychain);
    m_name->setPlaceholderText(source == Keychain ? tr("entry name, e.g. databricks-prod")
                                                  : tr("variable name, e.g. OPENAI_API_KEY"));
    // Greys out the keychain choice with the reason when it cannot work on this machine.
    if (auto* model = qobject_cast<QStandardItemModel*>(m_source->model())) {
        QStandardItem* item = model->item(Keychain);
        const bool unusable = store->state() == KeychainStore::State::Unavailable;
        item->setToolTip(unusable ? store->unavailableReason() : QString());
        if (unusable && source != Keychain)
            item->setEnabled(false);
    }
    QString status;
    const QString name = m_name->text().trimmed();
    if (source == Environment && !name.isEmpty()) {
        status = qEnvironmentVariableIsSet(name.toLocal8Bit().constData())
                     ? tr("%1 is set in Plateau's environment; its value is never saved.").arg(name)
                     : tr("%1 is not set in Plateau's environment: start Plateau with it set, "
                          "or runs will fail to authenticate.")
                           .arg(name);
    } else if (source == Keychain) {
        store->probe();
        if (store->state() == KeychainStore::State::Available)
            status = tr("The key is read from the system keychain when a run starts.");
        else if (store->state() == KeychainStore::State::Unknown)
            status = tr("Checking the system keychain…");
    } else if (source == None) {
        status = tr("Requests are sent without an Authorization header.");
    }
    if (store->state() == KeychainStore::State::Unavailable && source != Keychain)
        status += u' ' + tr("(System keychain unavailable: %1.)").arg(store->unavailableReason());
    m_store->setEnabled(store->state() == KeychainStore::State::Available && !name.isEmpty());
    m_status->setText(status.trimmed());
}

void KeySourceWidget::storeSecret() {
    const QString entry = m_name->text().trimmed();
    bool ok = false;
    const QString secret = QInputDialog::getText(
        this, tr("Store API key"), tr("API key for keychain entry \"%1\":").arg(entry),
        QLineEdit::Password, {}, &ok);
    if (!ok || secret.isEmpty())
        return;
    QPointer<QLabel> status = m_status;
    KeychainStore::instance()->write(entry, secret, [status, entry](const QString& error) {
        if (status)
            status->setText(error.isEmpty() ? tr("Stored in the keychain as \"%1\".").arg(entry)
                                            : error);
    });
}

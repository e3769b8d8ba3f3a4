#include "editors/priceform.h"

#include "editors/formhelpers.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace {
QDoubleSpinBox* moneySpin(const QString& objectName, double max, QWidget* parent) {
    auto* spin = new QDoubleSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(0.0, max); // the profile's bounds: a price in cents is caught there too
    spin->setDecimals(4);
    spin->setAccelerated(true);
    return spin;
}
} // namespace

PriceForm::PriceForm(IssueMap* issues, QWidget* parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_perHour(moneySpin(u"pricePerHour"_s, EndpointPrice::kMaxPerHour, this))
    , m_inputPerMtok(moneySpin(u"priceInputPerMtok"_s, EndpointPrice::kMaxPerMtok, this))
    , m_outputPerMtok(moneySpin(u"priceOutputPerMtok"_s, EndpointPrice::kMaxPerMtok, this))
    , m_currency(new QLineEdit(this)) {
    m_kind->setObjectName(u"priceKind"_s);
    m_kind->addItem(tr("None"));
    m_kind->addItem(tr("Per hour (provisioned throughput)"));
    m_kind->addItem(tr("Per million tokens (pay-per-token)"));
    m_currency->setObjectName(u"priceCurrency"_s);
    m_currency->setMaxLength(3);
    m_currency->setPlaceholderText(tr("USD"));
    m_currency->setToolTip(tr("ISO 4217 code: USD, EUR, GBP, CHF, …"));

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    FormHelpers::addRow(form, tr("&Price"), m_kind, issues, u"price"_s);
    FormHelpers::addRow(form, tr("Per hour"), m_perHour, issues, u"price.per_hour"_s);
    m_hourRows = {m_perHour->parentWidget(), form->labelForField(m_perHour->parentWidget())};
    FormHelpers::addRow(form, tr("Per million input tokens"), m_inputPerMtok, issues,
                        u"price.input_per_mtok"_s);
    FormHelpers::addRow(form, tr("Per million output tokens"), m_outputPerMtok, issues,
                        u"price.output_per_mtok"_s);
    for (QWidget* spin :
         {static_cast<QWidget*>(m_inputPerMtok), static_cast<QWidget*>(m_outputPerMtok)})
        m_tokenRows << spin->parentWidget() << form->labelForField(spin->parentWidget());
    FormHelpers::addRow(form, tr("Currency"), m_currency, issues, u"price.currency"_s);
    m_hourRows << m_currency->parentWidget() << form->labelForField(m_currency->parentWidget());
    m_tokenRows << m_currency->parentWidget() << form->labelForField(m_currency->parentWidget());

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibleRows();
        if (!m_loading)
            Q_EMIT changed();
    });
    for (QDoubleSpinBox* spin : {m_perHour, m_inputPerMtok, m_outputPerMtok})
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this] {
            if (!m_loading)
                Q_EMIT changed();
        });
    connect(m_currency, &QLineEdit::textChanged, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
    updateVisibleRows();
}

void PriceForm::setPrice(const EndpointPrice& price) {
    m_loading = true;
    m_kind->setCurrentIndex(!price.isSet() ? NoPrice : price.isPerHour() ? PerHour : PerToken);
    m_perHour->setValue(price.perHour);
    m_inputPerMtok->setValue(price.inputPerMtok);
    m_outputPerMtok->setValue(price.outputPerMtok);
    m_currency->setText(price.currency);
    m_loading = false;
    updateVisibleRows();
}

EndpointPrice PriceForm::price() const {
    EndpointPrice price;
    if (m_kind->currentIndex() == NoPrice)
        return price;
    // Only the chosen kind's figures: a per-hour price left in a hidden field must not
    // make the profile carry both kinds.
    if (m_kind->currentIndex() == PerHour)
        price.perHour = m_perHour->value();
    if (m_kind->currentIndex() == PerToken) {
        price.inputPerMtok = m_inputPerMtok->value();
        price.outputPerMtok = m_outputPerMtok->value();
    }
    const QString currency = m_currency->text().trimmed().toUpper();
    if (!currency.isEmpty())
        price.currency = currency;
    return price;
}

void PriceForm::updateVisibleRows() {
    const int kind = m_kind->currentIndex();
    for (QWidget* row : m_hourRows + m_tokenRows)
        row->setVisible(false);
    for (QWidget* row : kind == PerHour    ? m_hourRows
                        : kind == PerToken ? m_tokenRows
                                           : QList<QWidget*>())
        row->setVisible(true);
}

#pragma once

#include "editors/issuemap.h"
#include "profile/endpointprice.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;

// The endpoint's optional price (issue 14): none, per hour (provisioned throughput), or per
// million input and output tokens (pay-per-token), in a currency. The run turns it into a
// cost per level (metrics/levelcost.h); the profile keeps it as "price".
class PriceForm : public QWidget {
    Q_OBJECT
public:
    enum Kind { NoPrice, PerHour, PerToken };

    // issues: the endpoint form's map; the rows register as "price.*" in it.
    explicit PriceForm(IssueMap* issues, QWidget* parent = nullptr);

    void setPrice(const EndpointPrice& price);
    EndpointPrice price() const;

Q_SIGNALS:
    void changed();

private:
    void updateVisibleRows();

    QComboBox* m_kind;
    QDoubleSpinBox* m_perHour;
    QDoubleSpinBox* m_inputPerMtok;
    QDoubleSpinBox* m_outputPerMtok;
    QLineEdit* m_currency;
    QList<QWidget*> m_hourRows;
    QList<QWidget*> m_tokenRows;
    bool m_loading = false;
};

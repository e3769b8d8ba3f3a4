#pragma once

#include "editors/fieldissuelabel.h"

#include <QWidget>

// Test helper: the validation message shown next to a field (the FieldIssueLabel that
// the form placed beside it), or "" when none is visible.
inline QString issueNextTo(QWidget* field) {
    for (QWidget* w = field; w; w = w->parentWidget()) {
        for (QObject* child : w->children()) {
            auto* label = qobject_cast<FieldIssueLabel*>(child);
            if (label && label->parentWidget() == w)
                return label->isHidden() ? QString() : label->issue(); // its tab may be hidden
        }
    }
    return {};
}

#include "errorbanner.h"

#include <QLabel>
#include <QString>

namespace ErrorBanner {

QLabel *create(const QString &objectName, QWidget *parent)
{
    auto *banner = new QLabel(parent);
    banner->setObjectName(objectName);
    banner->setWordWrap(true);
    banner->setStyleSheet(
        QStringLiteral("background: #fdecea; color: #611a15; border: 1px solid #f5c2c0; padding: 6px;"));
    banner->hide();
    return banner;
}

} // namespace ErrorBanner

#pragma once

class QLabel;
class QString;
class QWidget;

// The inline red banner a page shows a problem in (a log that cannot be read, a log write that
// failed), instead of a modal box: hidden until there is something to say.
namespace ErrorBanner {

QLabel *create(const QString &objectName, QWidget *parent);

} // namespace ErrorBanner

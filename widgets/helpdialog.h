#pragma once

#include <QList>

class QAction;
class QWidget;

// The Help menu's windows.
namespace HelpDialog {

// Every shortcut of `actions` (the window's menus), and the marker dialog's keys, in a table.
void showShortcuts(QWidget *parent, const QList<QAction *> &actions);
// The README (built into the program) in a window of its own, opened at its usage: what the
// program does, markers, the command line, troubleshooting.
void showManual(QWidget *parent);

} // namespace HelpDialog

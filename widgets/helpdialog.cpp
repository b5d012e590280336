#include "helpdialog.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

namespace HelpDialog {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("HelpDialog", text);
}

QDialog *window(QWidget *parent, const QString &title, QWidget *content)
{
    auto *dialog = new QDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    auto *layout = new QVBoxLayout(dialog);
    content->setParent(dialog);
    layout->addWidget(content);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    return dialog;
}
} // namespace

void showShortcuts(QWidget *parent, const QList<QAction *> &actions)
{
    QList<QPair<QString, QString>> rows;
    for (const QAction *a : actions) {
        if (a->shortcut().isEmpty())
            continue;
        QString name = a->text();
        name.remove(u'&');
        if (name.endsWith(u'…'))
            name.chop(1);
        rows.append({ a->shortcut().toString(QKeySequence::NativeText), name });
    }
    rows.append({ tr("Click on a chart"), tr("Add a marker at that moment") });
    rows.append({ QKeySequence(Qt::Key_Return).toString(QKeySequence::NativeText),
        tr("Save the marker (in the marker dialog)") });
    rows.append(
        { QKeySequence(Qt::SHIFT | Qt::Key_Return).toString(QKeySequence::NativeText), tr("A new line in the notes") });
    rows.append({ QKeySequence(Qt::Key_Escape).toString(QKeySequence::NativeText), tr("Cancel a dialog") });
    auto *table = new QTableWidget(int(rows.size()), 2);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({ tr("Keys"), tr("What they do") });
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int i = 0; i < rows.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    QDialog *dialog = window(parent, tr("Keyboard shortcuts"), table);
    dialog->setObjectName(QStringLiteral("shortcutsDialog"));
    dialog->resize(480, 420);
    dialog->show();
}

void showManual(QWidget *parent)
{
    auto *browser = new QTextBrowser;
    browser->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    browser->setObjectName(QStringLiteral("manual"));
    browser->setOpenExternalLinks(true);
    // The README's pictures are beside it in the resources, as in the repository.
    browser->setSearchPaths({ QStringLiteral(":/doc") });
    QFile readme(QStringLiteral(":/doc/README.md"));
    if (readme.open(QIODevice::ReadOnly))
        browser->setMarkdown(QString::fromUtf8(readme.readAll()));
    QDialog *dialog = window(parent, tr("perfdash help"), browser);
    dialog->setObjectName(QStringLiteral("manualDialog"));
    dialog->resize(900, 760);
    dialog->show();
    // Pictures as wide as the page at most, and code blocks wrapped: nothing wider than the window.
    for (QTextBlock block = browser->document()->begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().nonBreakableLines()) {
            QTextBlockFormat wrapped = block.blockFormat();
            wrapped.setNonBreakableLines(false);
            QTextCursor(block).setBlockFormat(wrapped);
        }
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.charFormat().isImageFormat())
                continue;
            QTextImageFormat image = fragment.charFormat().toImageFormat();
            image.setWidth(760);
            QTextCursor cursor(browser->document());
            cursor.setPosition(fragment.position());
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
            cursor.setCharFormat(image);
        }
    }
    // Open at the usage, past the install commands (the heading is the README's, in English).
    const QTextCursor usage = browser->document()->find(QStringLiteral("What it does today"));
    if (!usage.isNull()) {
        browser->document()->adjustSize();
        const QRectF at = browser->document()->documentLayout()->blockBoundingRect(usage.block());
        browser->verticalScrollBar()->setValue(int(at.top()));
    }
}

} // namespace HelpDialog

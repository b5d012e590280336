#include "markerdialog.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

MarkerDialog::MarkerDialog(qint64 timeMs, const QStringList &presets, QWidget *parent)
    : QDialog(parent)
    , m_label(new QComboBox(this))
    , m_notes(new QPlainTextEdit(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Add marker"));
    m_label->setEditable(true);
    m_label->addItems(presets);
    m_label->setCurrentText(QString());
    m_label->lineEdit()->setPlaceholderText(tr("What happened, e.g. “Started Assignment 3”"));
    m_label->setObjectName(QStringLiteral("markerLabel"));
    m_notes->setObjectName(QStringLiteral("markerNotes"));
    m_notes->setPlaceholderText(tr("Notes (optional). Shift+Enter for a new line."));
    m_notes->setTabChangesFocus(true);
    m_notes->installEventFilter(this);
    m_notes->setFixedHeight(90);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &MarkerDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &MarkerDialog::reject);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Time:"),
        new QLabel(QDateTime::fromMSecsSinceEpoch(timeMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")), this));
    form->addRow(tr("Label:"), m_label);
    form->addRow(tr("Notes:"), m_notes);
    form->addRow(m_problem);
    form->addRow(buttons);
    m_label->setFocus();
    resize(440, sizeHint().height());
}

void MarkerDialog::setLabel(const QString &label)
{
    m_label->setCurrentText(label);
}

void MarkerDialog::setNotes(const QString &notes)
{
    m_notes->setPlainText(notes);
}

QString MarkerDialog::label() const
{
    return m_label->currentText().trimmed();
}

QString MarkerDialog::notes() const
{
    return m_notes->toPlainText();
}

void MarkerDialog::accept()
{
    if (label().isEmpty() && notes().trimmed().isEmpty()) {
        m_problem->setText(tr("Give the marker a label or a note."));
        m_problem->show();
        m_label->setFocus();
        return;
    }
    QDialog::accept();
}

bool MarkerDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_notes && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && !(key->modifiers() & Qt::ShiftModifier)) {
            accept();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QPlainTextEdit;

// Asks for a marker's label and notes. Enter saves (Shift+Enter starts a new line in the notes),
// Esc cancels.
class MarkerDialog : public QDialog
{
    Q_OBJECT
public:
    MarkerDialog(qint64 timeMs, const QStringList &presets, QWidget *parent = nullptr);

    void setLabel(const QString &label);
    void setNotes(const QString &notes);
    QString label() const;
    QString notes() const;

    void accept() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QComboBox *m_label;
    QPlainTextEdit *m_notes;
    QLabel *m_problem;
};

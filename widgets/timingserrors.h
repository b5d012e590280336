#pragma once

#include "timingdata.h"

#include <QWidget>

class QPlainTextEdit;
class QTableWidget;

// The errors of the selected calls (Timings tab): function, time, type and message in a table; the
// traceback of the selected one below it.
class TimingsErrorsPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxRows = 5000; // more are counted in the last row

    explicit TimingsErrorsPanel(QWidget *parent = nullptr);

    void setErrors(const QList<TimingError> &errors);
    QTableWidget *table() const { return m_table; }
    QString traceback() const;

private:
    void showTraceback();

    QList<TimingError> m_errors;
    QTableWidget *m_table;
    QPlainTextEdit *m_traceback;
};

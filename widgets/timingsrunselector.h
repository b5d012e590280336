#pragma once

#include "timingstats.h"

#include <QObject>

class QComboBox;
class QDateTimeEdit;
class QWidget;

// Which calls the Timings tab's statistics cover: a combo box (the latest run, all runs, run N, a
// time range) and the range's two ends, editable when "Time range" is chosen. Its widgets are
// children of the given parent, to be placed in its layouts.
class TimingsRunSelector : public QObject
{
    Q_OBJECT
public:
    explicit TimingsRunSelector(QWidget *parent);

    // The runs of this summary offered, the selection shown; the range's ends show the summary's
    // window until a time range is chosen.
    void setRuns(const TimingSummary &summary, const TimingSelection &selection);
    TimingSelection selection() const;
    QComboBox *runBox() const { return m_run; }
    QDateTimeEdit *fromEdit() const { return m_from; }
    QDateTimeEdit *toEdit() const { return m_to; }

signals:
    // The person chose another run or range.
    void selectionChanged(const TimingSelection &selection);

private:
    void onRunChosen();

    QComboBox *m_run;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
};

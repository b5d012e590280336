#include "timingsrunselector.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>

#include <cmath>

TimingsRunSelector::TimingsRunSelector(QWidget *parent)
    : QObject(parent)
    , m_run(new QComboBox(parent))
    , m_from(new QDateTimeEdit(parent))
    , m_to(new QDateTimeEdit(parent))
{
    m_run->setObjectName(QStringLiteral("timingsRun"));
    m_run->setToolTip(tr("The calls the statistics cover"));
    m_run->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_run->setMinimumContentsLength(16);
    connect(m_run, &QComboBox::activated, this, &TimingsRunSelector::onRunChosen);
    for (QDateTimeEdit *edit : { m_from, m_to }) {
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        edit->setEnabled(false);
        connect(edit, &QDateTimeEdit::editingFinished, this, &TimingsRunSelector::onRunChosen);
    }
    m_from->setToolTip(tr("The time range's start"));
    m_to->setToolTip(tr("The time range's end"));
}

void TimingsRunSelector::setRuns(const TimingSummary &summary, const TimingSelection &selection)
{
    const QSignalBlocker block(m_run);
    m_run->clear();
    m_run->addItem(tr("Latest run"), 0);
    m_run->addItem(tr("All runs"), -1);
    const QList<TimingRun> &runs = summary.runs;
    for (int i = 0; i < runs.size(); ++i) {
        m_run->addItem(tr("Run %1: %2, %n call(s)", nullptr, int(runs[i].calls))
                           .arg(i + 1)
                           .arg(QDateTime::fromMSecsSinceEpoch(qint64(runs[i].start * 1000))
                                    .toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
            i + 1);
    }
    m_run->addItem(tr("Time range"), -2);
    int index = 0;
    switch (selection.kind) {
    case TimingSelection::Kind::Latest:
        index = 0;
        break;
    case TimingSelection::Kind::All:
        index = 1;
        break;
    case TimingSelection::Kind::Run:
        index = m_run->findData(selection.run);
        break;
    case TimingSelection::Kind::Range:
        index = m_run->count() - 1;
        break;
    }
    m_run->setCurrentIndex(std::max(0, index));
    const bool range = selection.kind == TimingSelection::Kind::Range;
    for (QDateTimeEdit *edit : { m_from, m_to })
        edit->setEnabled(range);
    if (!range) {
        const QSignalBlocker b1(m_from), b2(m_to);
        m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(qint64(summary.start * 1000)));
        m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(qint64(std::ceil(summary.end * 1000))));
    }
}

TimingSelection TimingsRunSelector::selection() const
{
    const int run = m_run->currentData().toInt();
    if (run == 0)
        return TimingSelection::latest();
    if (run == -1)
        return TimingSelection::all();
    if (run == -2)
        return TimingSelection::range(double(m_from->dateTime().toMSecsSinceEpoch()) / 1000.0,
            double(m_to->dateTime().toMSecsSinceEpoch()) / 1000.0 + 0.999);
    return TimingSelection::number(run);
}

void TimingsRunSelector::onRunChosen()
{
    if (m_run->currentData().toInt() == -2 && !m_from->isEnabled()) {
        for (QDateTimeEdit *edit : { m_from, m_to })
            edit->setEnabled(true); // the range shown so far, until the person edits it
    }
    emit selectionChanged(selection());
}

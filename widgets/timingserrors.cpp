#include "timingserrors.h"

#include "timingreport.h"

#include <QHeaderView>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

TimingsErrorsPanel::TimingsErrorsPanel(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(this))
    , m_traceback(new QPlainTextEdit(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *split = new QSplitter(Qt::Vertical, this);
    layout->addWidget(split);
    split->addWidget(m_table);
    split->addWidget(m_traceback);
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({ tr("Function"), tr("Time"), tr("Type"), tr("Message") });
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_traceback->setReadOnly(true);
    m_traceback->setPlaceholderText(tr("The traceback of the selected error"));
    m_traceback->setLineWrapMode(QPlainTextEdit::NoWrap);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &TimingsErrorsPanel::showTraceback);
}

void TimingsErrorsPanel::setErrors(const QList<TimingError> &errors)
{
    m_errors = errors;
    const int rows = int(std::min<qsizetype>(errors.size(), kMaxRows));
    m_table->clearContents();
    m_table->setRowCount(rows + (errors.size() > kMaxRows ? 1 : 0));
    for (int r = 0; r < rows; ++r) {
        const TimingError &e = errors[r];
        const QString time = std::isfinite(e.time) ? TimingReport::formatTime(e.time) : QString();
        const QStringList cells { e.function, time, e.type, e.message.section(u'\n', 0, 0) };
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(r, c, new QTableWidgetItem(cells[c]));
        m_table->item(r, 3)->setToolTip(e.message);
    }
    if (errors.size() > kMaxRows)
        m_table->setItem(rows, 0, new QTableWidgetItem(tr("… and %1 more").arg(errors.size() - kMaxRows)));
    m_table->resizeColumnsToContents();
    m_traceback->clear();
}

QString TimingsErrorsPanel::traceback() const
{
    return m_traceback->toPlainText();
}

void TimingsErrorsPanel::showTraceback()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= std::min<qsizetype>(m_errors.size(), kMaxRows)) {
        m_traceback->clear();
        return;
    }
    const TimingError &e = m_errors[row];
    QString text = e.message;
    if (!e.traceback.isEmpty())
        text += QStringLiteral("\n\n") + e.traceback;
    if (!e.file.isEmpty())
        text += QStringLiteral("\n\n%1:%2").arg(e.file).arg(e.line);
    m_traceback->setPlainText(text);
}

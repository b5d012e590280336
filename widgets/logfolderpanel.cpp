#include "logfolderpanel.h"

#include "logfoldermodel.h"

#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

LogFolderPanel::LogFolderPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new LogFolderModel(this))
    , m_label(new QLabel(tr("Log folder"), this))
    , m_view(new QTableView(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_label->setObjectName(QStringLiteral("logFolderLabel"));
    bar->addWidget(m_label, 1);
    auto *refresh = new QPushButton(tr("Refresh"), this);
    connect(refresh, &QPushButton::clicked, this, [this] { setFolder(m_model->folder(), m_thresholds); });
    bar->addWidget(refresh);
    layout->addLayout(bar);

    m_view->setObjectName(QStringLiteral("logFolderView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    // Every column as wide as its header and its cells; the file name takes what is left and is
    // the one elided (at the left, keeping its date and time) when that is too little.
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(LogFolderModel::FileColumn, QHeaderView::Fixed);
    m_view->setTextElideMode(Qt::ElideLeft);
    m_view->setWordWrap(false);
    m_view->viewport()->installEventFilter(this);
    connect(header, &QHeaderView::sectionResized, this, [this](int section) {
        if (section != LogFolderModel::FileColumn)
            fitFileColumn();
    });
    auto open = [this](const QModelIndex &index) {
        if (m_model->isTimingLogAt(index.row()))
            emit timingLogRequested(m_model->pathAt(index.row()));
        else
            emit openRequested(m_model->pathAt(index.row()));
    };
    connect(m_view, &QTableView::activated, this, open);
    connect(m_view, &QTableView::clicked, this, open);
    layout->addWidget(m_view, 1);
}

bool LogFolderPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitFileColumn();
    return QWidget::eventFilter(watched, event);
}

void LogFolderPanel::fitFileColumn()
{
    QHeaderView *header = m_view->horizontalHeader();
    int others = 0;
    for (int c = 0; c < LogFolderModel::ColumnCount; ++c)
        others += c == LogFolderModel::FileColumn ? 0 : header->sectionSize(c);
    const int least = m_view->fontMetrics().horizontalAdvance(QStringLiteral("…1122_143022.csv")) + 8;
    const int width = std::max(
        { least, header->sectionSizeHint(LogFolderModel::FileColumn), m_view->viewport()->width() - others });
    if (header->sectionSize(LogFolderModel::FileColumn) != width)
        header->resizeSection(LogFolderModel::FileColumn, width);
}

void LogFolderPanel::setFolder(const QString &dir, const AnalysisThresholds &thresholds)
{
    m_thresholds = thresholds;
    m_label->setText(tr("Logs in %1").arg(QDir::toNativeSeparators(dir)));
    m_label->setToolTip(dir);
    m_model->setFolder(dir, thresholds);
}

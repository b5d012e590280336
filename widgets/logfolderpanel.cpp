#include "logfolderpanel.h"

#include "logfoldermodel.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

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
    m_view->horizontalHeader()->setStretchLastSection(true);
    auto open = [this](const QModelIndex &index) { emit openRequested(m_model->pathAt(index.row())); };
    connect(m_view, &QTableView::activated, this, open);
    connect(m_view, &QTableView::clicked, this, open);
    connect(m_model, &LogFolderModel::summariesComplete, m_view, &QTableView::resizeColumnsToContents);
    layout->addWidget(m_view, 1);
}

void LogFolderPanel::setFolder(const QString &dir, const AnalysisThresholds &thresholds)
{
    m_thresholds = thresholds;
    m_label->setText(tr("Logs in %1").arg(QDir::toNativeSeparators(dir)));
    m_label->setToolTip(dir);
    m_model->setFolder(dir, thresholds);
    m_view->resizeColumnsToContents();
}

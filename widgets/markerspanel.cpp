#include "markerspanel.h"

#include "markerstore.h"
#include "markertablemodel.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

MarkersPanel::MarkersPanel(MarkerStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_model(new MarkerTableModel(store, this))
    , m_table(new QTableView(this))
    , m_presetBox(new QWidget(this))
    , m_edit(new QPushButton(tr("Edit…"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
{
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(MarkerTableModel::TimeColumn, QHeaderView::Fixed);
    m_table->horizontalHeader()->resizeSection(
        MarkerTableModel::TimeColumn, m_table->fontMetrics().horizontalAdvance(QStringLiteral("00:00:00")) + 16);
    m_table->horizontalHeader()->resizeSection(MarkerTableModel::LabelColumn, 140);
    m_table->setWordWrap(false);
    m_table->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_table->setObjectName(QStringLiteral("markersTable"));

    auto *add = new QPushButton(tr("Add…"), this);
    auto *editPresets = new QPushButton(tr("Edit presets…"), this);
    connect(add, &QPushButton::clicked, this, &MarkersPanel::addRequested);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (const int id = selectedMarkerId())
            emit editRequested(id);
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (const int id = selectedMarkerId())
            m_store->remove(id);
    });
    connect(m_table, &QTableView::doubleClicked, this,
        [this](const QModelIndex &index) { emit editRequested(index.data(MarkerTableModel::MarkerIdRole).toInt()); });
    connect(editPresets, &QPushButton::clicked, this, &MarkersPanel::editPresets);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MarkersPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MarkersPanel::updateButtons);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    auto *presetsTitle = new QHBoxLayout;
    presetsTitle->addWidget(new QLabel(tr("One-click markers:"), this));
    presetsTitle->addStretch();
    presetsTitle->addWidget(editPresets);
    layout->addLayout(presetsTitle);
    layout->addWidget(m_presetBox);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    updateButtons();
    setMinimumWidth(340);
}

void MarkersPanel::setPresets(const QStringList &presets)
{
    m_presets = presets;
    delete m_presetBox->layout();
    qDeleteAll(m_presetBox->findChildren<QPushButton *>(QString(), Qt::FindDirectChildrenOnly));
    auto *grid = new QGridLayout(m_presetBox);
    grid->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < presets.size(); ++i) {
        auto *button = new QPushButton(presets[i], m_presetBox);
        button->setToolTip(tr("Mark now as “%1”").arg(presets[i]));
        connect(button, &QPushButton::clicked, this, [this, label = presets[i]] { emit presetClicked(label); });
        grid->addWidget(button, i / 2, i % 2);
    }
}

int MarkersPanel::selectedMarkerId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(MarkerTableModel::MarkerIdRole).toInt();
}

void MarkersPanel::updateButtons()
{
    const bool selected = selectedMarkerId() != 0;
    m_edit->setEnabled(selected);
    m_delete->setEnabled(selected);
}

void MarkersPanel::editPresets()
{
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(
        this, tr("Preset markers"), tr("One label per line:"), m_presets.join(u'\n'), &ok);
    if (!ok)
        return;
    QStringList presets;
    for (const QString &line : text.split(u'\n')) {
        if (!line.trimmed().isEmpty() && !presets.contains(line.trimmed()))
            presets << line.trimmed();
    }
    setPresets(presets);
    emit presetsChanged(presets);
}

#pragma once

#include <QStringList>
#include <QWidget>

class MarkerStore;
class MarkerTableModel;
class QHBoxLayout;
class QTableView;
class QPushButton;

// Lists the session's markers with buttons to add, edit and delete them, and one button per
// preset label that marks "now" in one click.
class MarkersPanel : public QWidget
{
    Q_OBJECT
public:
    explicit MarkersPanel(MarkerStore *store, QWidget *parent = nullptr);

    void setPresets(const QStringList &presets);
    QStringList presets() const { return m_presets; }
    QTableView *table() const { return m_table; }

signals:
    void presetClicked(const QString &label);
    void addRequested();
    void editRequested(int markerId);
    void presetsChanged(const QStringList &presets);

private:
    int selectedMarkerId() const;
    void editPresets();
    void updateButtons();

    MarkerStore *m_store;
    MarkerTableModel *m_model;
    QTableView *m_table;
    QWidget *m_presetBox;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QStringList m_presets;
};

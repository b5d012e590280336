#pragma once

#include "machineconfig.h"

#include <QList>
#include <QMainWindow>

class ExportDialog;
class MachinePanel;
class MarkersPanel;
class QAction;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class Session;
class TimeChart;

// The window: wires the dashboard pages to the session. It holds no data logic of its own.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Session *session, QWidget *parent = nullptr);

    QList<TimeChart *> charts() const;
    MarkersPanel *markersPanel() const { return m_markers; }
    // Opens the marker dialog for this moment; returns the new marker's id, 0 when cancelled.
    int addMarkerAt(qint64 timeMs);
    void setPaused(bool paused);
    // The machines this session watches besides this computer, as configured (for the dialog).
    void setConfiguredMachines(const QList<MachineConfig> &machines) { m_configured = machines; }
    // A problem that does not stop the dashboard (e.g. warnings about the machines file).
    void showWarning(const QString &warning);

signals:
    // The person saved a new set of machines: the session must start again with them.
    void machinesEdited();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createToolBar();
    void createMenus();
    void editMarker(int id);
    void editMachines();
    void exportChart(TimeChart *chart);
    void applyWindow();
    void showError(const QString &error);
    void updateStatus();
    void restoreSettings();

    Session *m_session;
    QList<MachinePanel *> m_panels;
    TimeChart *m_comparison = nullptr; // every machine's CPU on one chart; null with one machine
    MarkersPanel *m_markers = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_status = nullptr;
    QComboBox *m_window = nullptr;
    QDoubleSpinBox *m_interval = nullptr;
    QAction *m_addMarker = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_export = nullptr;
    QAction *m_openFolder = nullptr;
    QAction *m_machines = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_about = nullptr;
    QString m_exportDir;
    QString m_error;
    QString m_warning;
    QList<MachineConfig> m_configured;
};

#pragma once

#include "machineconfig.h"
#include "machinesetup.h"

#include <QList>
#include <QMainWindow>

class AnalysisPage;
class ExportDialog;
class LivePage;
class MachineMonitor;
class MarkersPanel;
class PrometheusFleets;
class QAction;
class QComboBox;
class QDockWidget;
class QDoubleSpinBox;
class QLabel;
class TextLine;
class QMenu;
class QTabWidget;
class Session;
class TimeChart;
class TimingsPage;

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
    // What the marker dialog offers: the presets, then the labels already used in this session.
    QStringList markerLabels() const;
    void setPaused(bool paused);
    // The machines this session watches besides this computer, as configured (for the dialog).
    void setConfiguredMachines(const QList<MachineConfig> &machines) { m_configured = machines; }
    // How the machines added or edited in the dialog reach their SSH hosts.
    void setRemoteSetup(const RemoteSetup &remote) { m_remote = remote; }
    // What saving the machines dialog does: saves the machines and changes only those that changed
    // in the running session. The other machines' charts, the markers and the log go on; when the
    // log's columns change, recording continues in a new file, and the status bar says so.
    void applyMachines(const QList<MachineConfig> &machines);
    // The same with the Prometheus servers: a fleet per server, started, kept or stopped as its
    // server is added, kept or removed (PrometheusFleets::apply); saved with the machines.
    void applyMachines(const QList<MachineConfig> &machines, const QList<PrometheusServerConfig> &servers);
    // The session's Prometheus fleets, which the machines dialog edits; none: the dialog edits none.
    void setPrometheusFleets(PrometheusFleets *fleets) { m_fleets = fleets; }
    // A problem that does not stop the dashboard (e.g. warnings about the machines file).
    void showWarning(const QString &warning);
    // Opens a past log and shows its tab: a timing log (TimingReader::detect) in the Timings tab, with
    // a session log over the same time when one is given; anything else in the Analysis tab.
    void openLog(const QString &path, const QString &sessionLog = {});
    AnalysisPage *analysisPage() const { return m_analysis; }
    TimingsPage *timingsPage() const { return m_timings; }
    // Brings the window to the front (another `perfdash` was started for the same log directory).
    void raiseWindow();
    // What the HTTP API does now, for its dialog (where it listens and the token, or why not).
    void setHttpStatus(const QString &status) { m_httpStatus = status; }

signals:
    // The person changed the HTTP API setting (saved in AppSettings): start, move or stop it.
    void httpSettingsChanged();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // Gives new charts the window's range, interval and pause.
    void configureCharts(const QList<TimeChart *> &charts);
    void createMarkersDock();
    void createActions();
    void createToolBar();
    void createMenus();
    void createUndoActions(QMenu *markers);
    void createTimeZoneMenu(QMenu *view);
    void editMarker(int id);
    void editMachines();
    void editHttpApi();
    void exportChart(TimeChart *chart);
    void applyWindow();
    void showError(const QString &error);
    void updateStatus();
    void restoreSettings();

    Session *m_session;
    LivePage *m_live = nullptr;
    QDockWidget *m_markersDock = nullptr;
    bool m_markersHiddenForTab = false; // the Analysis or Compare tab put the markers panel away
    MarkersPanel *m_markers = nullptr;
    QLabel *m_banner = nullptr;
    TextLine *m_status = nullptr;
    TextLine *m_rows = nullptr;
    qint64 m_rowsShown = -1;
    QString m_statusPath; // what the status line says now
    bool m_statusPaused = false;
    QComboBox *m_window = nullptr;
    QDoubleSpinBox *m_interval = nullptr;
    QAction *m_addMarker = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_export = nullptr;
    QAction *m_openFolder = nullptr;
    QAction *m_openLog = nullptr;
    QMenu *m_recentLogs = nullptr;
    AnalysisPage *m_analysis = nullptr;
    TimingsPage *m_timings = nullptr;
    QTabWidget *m_tabs = nullptr;
    QAction *m_machines = nullptr;
    QAction *m_httpApi = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_about = nullptr;
    QString m_error;
    QString m_warning;
    QString m_httpStatus;
    QList<MachineConfig> m_configured;
    RemoteSetup m_remote;
    PrometheusFleets *m_fleets = nullptr;
};

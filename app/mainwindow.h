#pragma once

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

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createToolBar();
    void createMenus();
    void editMarker(int id);
    void exportChart(TimeChart *chart);
    void applyWindow();
    void showError(const QString &error);
    void updateStatus();
    void restoreSettings();

    Session *m_session;
    QList<MachinePanel *> m_panels;
    MarkersPanel *m_markers = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_status = nullptr;
    QComboBox *m_window = nullptr;
    QDoubleSpinBox *m_interval = nullptr;
    QAction *m_addMarker = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_export = nullptr;
    QAction *m_openFolder = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_about = nullptr;
    QString m_exportDir;
};

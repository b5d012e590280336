#pragma once

#include "machineconfig.h"

#include <QDialog>

class MachineForm;
class PrometheusServerList;
class QLabel;
class QListWidget;
class QPushButton;

// Adds, edits and removes the monitored machines (this computer, `local`, is always monitored and
// not listed). The rules are the machines file's own: on every edit the list goes through
// validateMachines, whose errors are shown inline, and Save stays disabled while there are any.
// Import… merges a machines file's entries by id; Export… writes one. Under the machines, the
// Prometheus servers whose targets join the session as machines.
class MachinesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit MachinesDialog(const QList<MachineConfig> &machines, QWidget *parent = nullptr);

    // As edited: strings trimmed, an empty name replaced by the id.
    QList<MachineConfig> machines() const;
    // The Prometheus servers whose targets are machines (Add from Prometheus…), as edited.
    void setPrometheusServers(const QList<PrometheusServerConfig> &servers);
    QList<PrometheusServerConfig> prometheusServers() const;
    PrometheusServerList *prometheusList() const { return m_prometheus; }
    // What keeps Save disabled, in the words shown to the person; empty when the list is valid.
    QStringList problems() const { return m_problems; }

    // Merges the machines of a machines file by id (a known id is replaced, a new one appended),
    // and its Prometheus servers by URL and selector.
    // Its warnings and errors, or why it could not be read, are shown in a message box (opened,
    // not executed: objectName "machinesMessage"). False when nothing could be imported.
    bool importFile(const QString &path);
    // Writes the machines and Prometheus servers as a machines file; a failure is shown in a message box. False on
    // failure.
    bool exportFile(const QString &path);

    void accept() override;

private:
    struct Entry
    {
        MachineConfig config;
        bool autoId = false;     // the id follows the name until the person edits the id
        bool useKeyFile = false; // "Key file" rather than the agent; config.keyFile is kept either way
    };

    QWidget *buildList();
    void addMachine();
    void removeMachine();
    void duplicateMachine();
    void insertEntry(int row, const Entry &entry);
    void showEntry(int row);
    void formEdited();
    void idEdited(const QString &id);
    void updateItem(int row);
    void validate();
    void chooseImport();
    void chooseExport();
    void showMessage(bool problem, const QString &text, const QStringList &details);
    QString suggestId(const QString &name, int row) const;
    static MachineConfig normalized(const Entry &entry);

    QList<Entry> m_entries;
    QStringList m_problems;

    QListWidget *m_list;
    QPushButton *m_remove;
    QPushButton *m_duplicate;
    MachineForm *m_form;
    PrometheusServerList *m_prometheus;
    QLabel *m_problem;
    QPushButton *m_save;
    QPushButton *m_export;
};

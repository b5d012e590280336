#pragma once

#include "machineconfig.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

// The fields of one machine, as the machines dialog shows them: name and id, SSH, model server and
// node_exporter. It knows nothing of the list: the dialog fills it with setMachine(), reads it back
// with readInto() when edited() is emitted, and decides the id (which follows the name until the
// person edits it). Filling it emits nothing.
class MachineForm : public QWidget
{
    Q_OBJECT
public:
    explicit MachineForm(QWidget *parent = nullptr);

    // Shows the machine; useKeyFile picks "Key file" rather than the agent.
    void setMachine(const MachineConfig &machine, bool useKeyFile);
    // Copies every field but the id into machine; returns whether "Key file" is chosen.
    bool readInto(MachineConfig &machine) const;
    // Replaces the id shown without emitting idEdited().
    void setId(const QString &id);
    QString id() const;
    // Puts the focus in the name, all of it selected when selectAll.
    void focusName(bool selectAll);

signals:
    void edited();                    // any field but the id
    void idEdited(const QString &id); // typed by the person

private:
    void createFields();
    void layOut();
    void connectFields();
    void fieldEdited();
    void updateEnabled();
    void browse(QLineEdit *edit, const QString &title);

    bool m_loading = false; // the fields are being filled: their signals are not edits

    QLineEdit *m_name;
    QLineEdit *m_id;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QSpinBox *m_timeout;
    QLineEdit *m_user;
    QComboBox *m_auth;
    QLineEdit *m_keyFile;
    QPushButton *m_keyFileBrowse;
    QLineEdit *m_knownHosts;
    QPushButton *m_knownHostsBrowse;
    QLineEdit *m_serverUrl;
    QComboBox *m_serverKind;
    QCheckBox *m_probe;
    QSpinBox *m_probeInterval;
    QLineEdit *m_nodeExporter;
};

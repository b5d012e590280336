#pragma once

#include <QMessageBox>
#include <QObject>
#include <QPointer>

class MachineMonitor;
class QWidget;
struct ConnectionState;

// Asks the person, without blocking the window, whether to trust a host key that is not in
// known_hosts yet, when a machine's SSH connection waits for that answer. Shows the fingerprint
// the way OpenSSH prints it; trusting appends the key to known_hosts (the connection does that).
class HostKeyPrompt : public QObject
{
    Q_OBJECT
public:
    HostKeyPrompt(MachineMonitor *machine, QWidget *parentWindow);

    // The open question's dialog, or null.
    QMessageBox *dialog() const { return m_dialog; }

private:
    void onConnectionState(const ConnectionState &state);

    MachineMonitor *m_machine;
    QWidget *m_window;
    QPointer<QMessageBox> m_dialog;
};

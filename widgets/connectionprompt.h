#pragma once

#include <QDialog>
#include <QObject>
#include <QPointer>

class MachineMonitor;
class QWidget;
struct ConnectionState;

// Asks the person, without blocking the window, what a machine's SSH connection waits for: whether
// to trust a host key that is not in known_hosts yet (showing the fingerprint the way OpenSSH
// prints it; trusting appends the key to known_hosts, the connection does that), or the passphrase
// of a key file (kept in memory by the connection, never stored).
class ConnectionPrompt : public QObject
{
    Q_OBJECT
public:
    ConnectionPrompt(MachineMonitor *machine, QWidget *parentWindow);
    // An open question goes with it (its machine was removed).
    ~ConnectionPrompt() override;

    // The open question's dialog (a QMessageBox or a QInputDialog), or null.
    QDialog *dialog() const { return m_dialog; }

private:
    void onConnectionState(const ConnectionState &state);

    MachineMonitor *m_machine;
    QWidget *m_window;
    QPointer<QDialog> m_dialog;
};

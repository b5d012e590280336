#include "hostkeyprompt.h"

#include "machinemonitor.h"

#include <QMessageBox>
#include <QPushButton>

HostKeyPrompt::HostKeyPrompt(MachineMonitor *machine, QWidget *parentWindow)
    : QObject(parentWindow)
    , m_machine(machine)
    , m_window(parentWindow)
{
    connect(machine, &MachineMonitor::connectionStateChanged, this, &HostKeyPrompt::onConnectionState);
}

void HostKeyPrompt::onConnectionState(const ConnectionState &state)
{
    if (state.kind != ConnectionState::AwaitingHostKey || !state.decision || state.decision->answered()) {
        // The question went away (stopped, timed out): close its dialog.
        if (m_dialog && state.kind != ConnectionState::AwaitingHostKey)
            m_dialog->deleteLater();
        return;
    }
    if (m_dialog)
        m_dialog->deleteLater();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Unknown host key"),
        tr("<p>perfdash has never connected to <b>%1</b> (%2) before.</p>"
           "<p>Its %3 key fingerprint is:<br><tt>%4</tt></p>"
           "<p>Trust it only if this is the fingerprint of that machine (on it, run "
           "<tt>ssh-keygen -lf /etc/ssh/ssh_host_%5_key.pub</tt>). Trusting adds it to %6.</p>")
            .arg(m_machine->info().name.toHtmlEscaped(), state.host.toHtmlEscaped(), state.keyType,
                state.fingerprint.toHtmlEscaped(), state.keyType.toLower(), state.knownHostsFile.toHtmlEscaped()),
        QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("hostKeyPrompt"));
    QPushButton *trust = box->addButton(tr("Trust and connect"), QMessageBox::AcceptRole);
    box->addButton(tr("Do not connect"), QMessageBox::RejectRole);
    box->setDefaultButton(static_cast<QPushButton *>(box->buttons().last()));
    box->setAttribute(Qt::WA_DeleteOnClose);
    const std::shared_ptr<HostKeyDecision> decision = state.decision;
    connect(box, &QMessageBox::finished, this,
        [box, trust, decision](int) { decision->answer(box->clickedButton() == trust); });
    m_dialog = box;
    box->open(); // window-modal, does not block the event loop
}

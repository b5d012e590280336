#include "connectionprompt.h"

#include "hostkeydecision.h"
#include "machinemonitor.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

ConnectionPrompt::ConnectionPrompt(MachineMonitor *machine, QWidget *parentWindow)
    : QObject(parentWindow)
    , m_machine(machine)
    , m_window(parentWindow)
{
    connect(machine, &MachineMonitor::connectionStateChanged, this, &ConnectionPrompt::onConnectionState);
}

ConnectionPrompt::~ConnectionPrompt()
{
    if (m_dialog)
        m_dialog->deleteLater();
}

void ConnectionPrompt::onConnectionState(const ConnectionState &state)
{
    const bool asking
        = state.kind == ConnectionState::AwaitingHostKey || state.kind == ConnectionState::AwaitingPassphrase;
    if (!asking || !state.decision || state.decision->answered()) {
        // The question went away (stopped, timed out): close its dialog.
        if (m_dialog && !asking)
            m_dialog->deleteLater();
        return;
    }
    if (m_dialog)
        m_dialog->deleteLater();
    const std::shared_ptr<HostKeyDecision> decision = state.decision;
    if (state.kind == ConnectionState::AwaitingPassphrase) {
        auto *input = new QInputDialog(m_window);
        input->setObjectName(QStringLiteral("passphrasePrompt"));
        input->setWindowTitle(tr("Key passphrase"));
        QString label = tr("The passphrase of %1, to log in to %2 (kept in memory only, never stored):")
                            .arg(state.keyFile, m_machine->info().name);
        if (!state.detail.isEmpty())
            label = state.detail + u'\n' + label;
        input->setLabelText(label);
        input->setTextEchoMode(QLineEdit::Password);
        input->setAttribute(Qt::WA_DeleteOnClose);
        connect(input, &QInputDialog::finished, this,
            [input, decision](int result) { decision->answer(result == QDialog::Accepted, input->textValue()); });
        m_dialog = input;
        input->open();
        return;
    }
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
    connect(box, &QMessageBox::finished, this,
        [box, trust, decision](int) { decision->answer(box->clickedButton() == trust); });
    m_dialog = box;
    box->open(); // window-modal, does not block the event loop
}

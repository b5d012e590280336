#include "machineform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {

QString currentUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return user;
}

// A line edit and a Browse… button side by side.
QHBoxLayout *withButton(QLineEdit *edit, QPushButton *button)
{
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(button);
    return row;
}

QList<QWidget *> labelsOf(QFormLayout *form)
{
    QList<QWidget *> labels;
    for (int row = 0; row < form->rowCount(); ++row) {
        if (QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole); item && item->widget())
            labels << item->widget();
    }
    return labels;
}

// The forms' fields start in one column: the labels share one width, those of the forms outside
// the group boxes (outside) wider by the boxes' margin and frame (inset).
void alignLabels(const QList<QFormLayout *> &outside, const QList<QFormLayout *> &inside, int inset)
{
    int labelWidth = 0;
    for (QFormLayout *f : outside + inside) {
        for (QWidget *label : labelsOf(f))
            labelWidth = std::max(labelWidth, label->sizeHint().width());
    }
    for (QFormLayout *f : outside) {
        for (QWidget *label : labelsOf(f))
            label->setMinimumWidth(labelWidth + inset);
    }
    for (QFormLayout *f : inside) {
        for (QWidget *label : labelsOf(f))
            label->setMinimumWidth(labelWidth);
    }
}
} // namespace

MachineForm::MachineForm(QWidget *parent)
    : QWidget(parent)
{
    createFields();
    layOut();
    connectFields();
}

void MachineForm::createFields()
{
    m_name = new QLineEdit(this);
    m_id = new QLineEdit(this);
    m_host = new QLineEdit(this);
    m_port = new QSpinBox(this);
    m_user = new QLineEdit(this);
    m_auth = new QComboBox(this);
    m_keyFile = new QLineEdit(this);
    m_keyFileBrowse = new QPushButton(tr("Browse…"), this);
    m_knownHosts = new QLineEdit(this);
    m_knownHostsBrowse = new QPushButton(tr("Browse…"), this);
    m_timeout = new QSpinBox(this);
    m_serverUrl = new QLineEdit(this);
    m_serverKind = new QComboBox(this);
    m_probe = new QCheckBox(tr("Probe tokens/s by sending a tiny request every"), this);
    m_probeInterval = new QSpinBox(this);
    m_nodeExporter = new QLineEdit(this);

    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_id->setObjectName(QStringLiteral("idEdit"));
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_user->setObjectName(QStringLiteral("userEdit"));
    m_auth->setObjectName(QStringLiteral("authCombo"));
    m_keyFile->setObjectName(QStringLiteral("keyFileEdit"));
    m_knownHosts->setObjectName(QStringLiteral("knownHostsEdit"));
    m_timeout->setObjectName(QStringLiteral("timeoutSpin"));
    m_serverUrl->setObjectName(QStringLiteral("serverUrlEdit"));
    m_serverKind->setObjectName(QStringLiteral("serverKindCombo"));
    m_probe->setObjectName(QStringLiteral("probeCheck"));
    m_probeInterval->setObjectName(QStringLiteral("probeIntervalSpin"));
    m_nodeExporter->setObjectName(QStringLiteral("nodeExporterEdit"));

    m_name->setPlaceholderText(tr("e.g. Mac Studio 1 (GPT-OSS)"));
    m_id->setPlaceholderText(tr("lowercase letters, digits and _; names the log columns"));
    m_host->setPlaceholderText(tr("name or address; empty: not sampled over SSH"));
    m_port->setRange(1, 65535);
    m_port->setValue(22);
    m_user->setPlaceholderText(currentUser());
    m_auth->addItem(tr("ssh-agent"));
    m_auth->addItem(tr("Key file"));
    m_keyFile->setPlaceholderText(QStringLiteral("~/.ssh/id_ed25519"));
    m_knownHosts->setPlaceholderText(QStringLiteral("~/.ssh/known_hosts"));
    m_timeout->setRange(MachineConfig::MinTimeoutSeconds, MachineConfig::MaxTimeoutSeconds);
    m_timeout->setValue(MachineConfig().timeoutSeconds);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("How long connecting, logging in or a sample's answer may take before the machine "
                             "counts as lost and is tried again"));
    m_serverUrl->setPlaceholderText(tr("e.g. http://mac1.local:8080; empty: none"));
    for (ServerKind kind : allServerKinds())
        m_serverKind->addItem(serverKindDisplayName(kind), int(kind));
    m_probeInterval->setRange(5, 3600);
    m_probeInterval->setValue(30);
    m_probeInterval->setSuffix(tr(" s"));
    m_nodeExporter->setPlaceholderText(tr("e.g. http://box:9100/metrics; empty: none"));
}

void MachineForm::layOut()
{
    auto *passphraseNote = new QLabel(tr("A passphrase is asked for when needed, never stored."), this);
    passphraseNote->setEnabled(false);

    auto *ssh = new QGroupBox(tr("Remote over SSH"), this);
    auto *sshForm = new QFormLayout(ssh);
    sshForm->addRow(tr("Host:"), m_host);
    sshForm->addRow(tr("Port:"), m_port);
    sshForm->addRow(tr("User:"), m_user);
    sshForm->addRow(tr("Authentication:"), m_auth);
    sshForm->addRow(tr("Key file:"), withButton(m_keyFile, m_keyFileBrowse));
    sshForm->addRow(QString(), passphraseNote);
    sshForm->addRow(tr("Known hosts:"), withButton(m_knownHosts, m_knownHostsBrowse));
    sshForm->addRow(tr("Timeout:"), m_timeout);

    auto *server = new QGroupBox(tr("Model server"), this);
    auto *serverForm = new QFormLayout(server);
    serverForm->addRow(tr("URL:"), m_serverUrl);
    serverForm->addRow(tr("Kind:"), m_serverKind);
    auto *probeRow = new QHBoxLayout;
    probeRow->addWidget(m_probe);
    probeRow->addWidget(m_probeInterval);
    probeRow->addWidget(new QLabel(tr("(adds load)"), this));
    probeRow->addStretch(1);
    serverForm->addRow(probeRow);

    auto *top = new QFormLayout;
    top->addRow(tr("Name:"), m_name);
    top->addRow(tr("Id:"), m_id);
    auto *bottom = new QFormLayout;
    bottom->addRow(tr("node_exporter URL:"), m_nodeExporter);
    alignLabels(
        { top, bottom }, { sshForm, serverForm }, ssh->contentsRect().left() + sshForm->contentsMargins().left());

    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addLayout(top);
    column->addWidget(ssh);
    column->addWidget(server);
    column->addLayout(bottom);
    column->addStretch(1);
}

void MachineForm::connectFields()
{
    for (QLineEdit *edit : { m_name, m_host, m_user, m_keyFile, m_knownHosts, m_serverUrl, m_nodeExporter })
        connect(edit, &QLineEdit::textChanged, this, &MachineForm::fieldEdited);
    connect(m_id, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (!m_loading)
            emit idEdited(text);
    });
    connect(m_port, &QSpinBox::valueChanged, this, &MachineForm::fieldEdited);
    connect(m_timeout, &QSpinBox::valueChanged, this, &MachineForm::fieldEdited);
    connect(m_probeInterval, &QSpinBox::valueChanged, this, &MachineForm::fieldEdited);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &MachineForm::fieldEdited);
    connect(m_serverKind, &QComboBox::currentIndexChanged, this, &MachineForm::fieldEdited);
    connect(m_probe, &QCheckBox::toggled, this, &MachineForm::fieldEdited);
    connect(m_keyFileBrowse, &QPushButton::clicked, this, [this] { browse(m_keyFile, tr("Key file")); });
    connect(m_knownHostsBrowse, &QPushButton::clicked, this, [this] { browse(m_knownHosts, tr("Known hosts file")); });
}

void MachineForm::setMachine(const MachineConfig &m, bool useKeyFile)
{
    m_loading = true;
    m_name->setText(m.name);
    m_id->setText(m.id);
    m_host->setText(m.host);
    m_port->setValue(m.port);
    m_user->setText(m.user);
    m_auth->setCurrentIndex(useKeyFile ? 1 : 0);
    m_keyFile->setText(m.keyFile);
    m_knownHosts->setText(m.knownHosts);
    m_timeout->setValue(m.timeoutSeconds);
    m_serverUrl->setText(m.serverUrl);
    m_serverKind->setCurrentIndex(std::max(0, m_serverKind->findData(int(m.serverKind))));
    m_probe->setChecked(m.probe);
    m_probeInterval->setValue(m.probeIntervalSeconds);
    m_nodeExporter->setText(m.nodeExporterUrl);
    updateEnabled();
    m_loading = false;
}

bool MachineForm::readInto(MachineConfig &m) const
{
    m.name = m_name->text();
    m.host = m_host->text();
    m.port = m_port->value();
    m.user = m_user->text();
    m.keyFile = m_keyFile->text();
    m.knownHosts = m_knownHosts->text();
    m.timeoutSeconds = m_timeout->value();
    m.serverUrl = m_serverUrl->text();
    m.serverKind = ServerKind(m_serverKind->currentData().toInt());
    m.probe = m_probe->isChecked();
    m.probeIntervalSeconds = m_probeInterval->value();
    m.nodeExporterUrl = m_nodeExporter->text();
    return m_auth->currentIndex() == 1;
}

void MachineForm::setId(const QString &id)
{
    if (m_id->text() == id)
        return;
    m_loading = true;
    m_id->setText(id);
    m_loading = false;
}

QString MachineForm::id() const
{
    return m_id->text();
}

void MachineForm::focusName(bool selectAll)
{
    m_name->setFocus();
    if (selectAll)
        m_name->selectAll();
}

void MachineForm::fieldEdited()
{
    if (m_loading)
        return;
    updateEnabled();
    emit edited();
}

void MachineForm::updateEnabled()
{
    const bool useKeyFile = m_auth->currentIndex() == 1;
    m_keyFile->setEnabled(useKeyFile);
    m_keyFileBrowse->setEnabled(useKeyFile);
    m_probeInterval->setEnabled(m_probe->isChecked());
}

void MachineForm::browse(QLineEdit *edit, const QString &title)
{
    QString start = edit->text().trimmed();
    if (start.startsWith(QStringLiteral("~/")))
        start = QDir::homePath() + start.mid(1);
    if (start.isEmpty())
        start = QDir::homePath() + QStringLiteral("/.ssh");
    const QString path
        = QFileDialog::getOpenFileName(this, title, start, {}, nullptr, QFileDialog::DontResolveSymlinks);
    if (!path.isEmpty())
        edit->setText(path); // textChanged: fieldEdited
}

#include "machinesdialog.h"

#include "outputfile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

namespace {

constexpr int MaxProblemsShown = 5; // under the form
constexpr int MaxDetailsShown = 10; // in a message box; all of them under "Show Details…"

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
} // namespace

MachinesDialog::MachinesDialog(const QList<MachineConfig> &machines, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_duplicate(new QPushButton(tr("Duplicate"), this))
{
    setWindowTitle(tr("Machines"));
    m_list->setObjectName(QStringLiteral("machineList"));
    m_remove->setObjectName(QStringLiteral("removeButton"));
    m_duplicate->setObjectName(QStringLiteral("duplicateButton"));
    auto *add = new QPushButton(tr("Add"), this);
    add->setObjectName(QStringLiteral("addButton"));
    auto *localNote = new QLabel(tr("This computer is always monitored, as “local”."), this);
    localNote->setWordWrap(true);
    localNote->setEnabled(false); // greyed: a note, not a control

    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(m_remove);
    listButtons->addWidget(m_duplicate);
    auto *left = new QWidget(this);
    auto *leftColumn = new QVBoxLayout(left);
    leftColumn->setContentsMargins(0, 0, 0, 0);
    leftColumn->addWidget(m_list, 1);
    leftColumn->addLayout(listButtons);
    leftColumn->addWidget(localNote);

    m_form = buildForm();
    auto *splitter = new QSplitter(this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(left);
    splitter->addWidget(m_form);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 240, 520 });

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    auto *import = new QPushButton(tr("Import…"), this);
    m_export = new QPushButton(tr("Export…"), this);
    import->setAutoDefault(false);
    m_export->setAutoDefault(false);
    import->setObjectName(QStringLiteral("importButton"));
    m_export->setObjectName(QStringLiteral("exportButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &MachinesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &MachinesDialog::reject);
    connect(import, &QPushButton::clicked, this, &MachinesDialog::chooseImport);
    connect(m_export, &QPushButton::clicked, this, &MachinesDialog::chooseExport);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_problem);
    auto *bottomRow = new QHBoxLayout;
    bottomRow->addWidget(import);
    bottomRow->addWidget(m_export);
    bottomRow->addStretch(1);
    bottomRow->addWidget(buttons);
    layout->addLayout(bottomRow);

    connect(add, &QPushButton::clicked, this, &MachinesDialog::addMachine);
    connect(m_remove, &QPushButton::clicked, this, &MachinesDialog::removeMachine);
    connect(m_duplicate, &QPushButton::clicked, this, &MachinesDialog::duplicateMachine);
    connect(m_list, &QListWidget::currentRowChanged, this, &MachinesDialog::showEntry);

    for (const MachineConfig &m : machines)
        insertEntry(int(m_entries.size()), Entry { m, false, !m.keyFile.isEmpty() });
    m_list->setCurrentRow(m_entries.isEmpty() ? -1 : 0);
    showEntry(m_list->currentRow());
    validate();
    resize(820, sizeHint().height());
}

QWidget *MachinesDialog::buildForm()
{
    auto *form = new QWidget(this);
    m_name = new QLineEdit(form);
    m_id = new QLineEdit(form);
    m_host = new QLineEdit(form);
    m_port = new QSpinBox(form);
    m_user = new QLineEdit(form);
    m_auth = new QComboBox(form);
    m_keyFile = new QLineEdit(form);
    m_keyFileBrowse = new QPushButton(tr("Browse…"), form);
    m_knownHosts = new QLineEdit(form);
    m_timeout = new QSpinBox(form);
    m_serverUrl = new QLineEdit(form);
    m_serverKind = new QComboBox(form);
    m_probe = new QCheckBox(tr("Probe tokens/s by sending a tiny request every"), form);
    m_probeInterval = new QSpinBox(form);
    m_nodeExporter = new QLineEdit(form);
    auto *knownHostsBrowse = new QPushButton(tr("Browse…"), form);

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

    auto *passphraseNote = new QLabel(tr("A passphrase is asked for when needed, never stored."), form);
    passphraseNote->setEnabled(false);

    auto *ssh = new QGroupBox(tr("Remote over SSH"), form);
    auto *sshForm = new QFormLayout(ssh);
    sshForm->addRow(tr("Host:"), m_host);
    sshForm->addRow(tr("Port:"), m_port);
    sshForm->addRow(tr("User:"), m_user);
    sshForm->addRow(tr("Authentication:"), m_auth);
    sshForm->addRow(tr("Key file:"), withButton(m_keyFile, m_keyFileBrowse));
    sshForm->addRow(QString(), passphraseNote);
    sshForm->addRow(tr("Known hosts:"), withButton(m_knownHosts, knownHostsBrowse));
    sshForm->addRow(tr("Timeout:"), m_timeout);

    auto *server = new QGroupBox(tr("Model server"), form);
    auto *serverForm = new QFormLayout(server);
    serverForm->addRow(tr("URL:"), m_serverUrl);
    serverForm->addRow(tr("Kind:"), m_serverKind);
    auto *probeRow = new QHBoxLayout;
    probeRow->addWidget(m_probe);
    probeRow->addWidget(m_probeInterval);
    probeRow->addWidget(new QLabel(tr("(adds load)"), form));
    probeRow->addStretch(1);
    serverForm->addRow(probeRow);

    auto *top = new QFormLayout;
    top->addRow(tr("Name:"), m_name);
    top->addRow(tr("Id:"), m_id);
    auto *bottom = new QFormLayout;
    bottom->addRow(tr("node_exporter URL:"), m_nodeExporter);
    // The four forms' fields start in one column: the labels share one width, those outside the
    // group boxes wider by the boxes' margin and frame.
    auto labelsOf = [](QFormLayout *f) {
        QList<QWidget *> labels;
        for (int row = 0; row < f->rowCount(); ++row) {
            if (QLayoutItem *item = f->itemAt(row, QFormLayout::LabelRole); item && item->widget())
                labels << item->widget();
        }
        return labels;
    };
    int labelWidth = 0;
    for (QFormLayout *f : { top, sshForm, serverForm, bottom }) {
        for (QWidget *label : labelsOf(f))
            labelWidth = std::max(labelWidth, label->sizeHint().width());
    }
    const int inset = ssh->contentsRect().left() + sshForm->contentsMargins().left();
    for (QFormLayout *f : { top, bottom, sshForm, serverForm }) {
        const bool outside = f == top || f == bottom;
        for (QWidget *label : labelsOf(f))
            label->setMinimumWidth(labelWidth + (outside ? inset : 0));
    }
    auto *column = new QVBoxLayout(form);
    column->setContentsMargins(0, 0, 0, 0);
    column->addLayout(top);
    column->addWidget(ssh);
    column->addWidget(server);
    column->addLayout(bottom);
    column->addStretch(1);

    for (QLineEdit *edit : { m_name, m_host, m_user, m_keyFile, m_knownHosts, m_serverUrl, m_nodeExporter })
        connect(edit, &QLineEdit::textChanged, this, &MachinesDialog::formEdited);
    connect(m_id, &QLineEdit::textEdited, this, &MachinesDialog::idEdited);
    connect(m_port, &QSpinBox::valueChanged, this, &MachinesDialog::formEdited);
    connect(m_timeout, &QSpinBox::valueChanged, this, &MachinesDialog::formEdited);
    connect(m_probeInterval, &QSpinBox::valueChanged, this, &MachinesDialog::formEdited);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &MachinesDialog::formEdited);
    connect(m_serverKind, &QComboBox::currentIndexChanged, this, &MachinesDialog::formEdited);
    connect(m_probe, &QCheckBox::toggled, this, &MachinesDialog::formEdited);
    connect(m_keyFileBrowse, &QPushButton::clicked, this, [this] { browse(m_keyFile, tr("Key file")); });
    connect(knownHostsBrowse, &QPushButton::clicked, this, [this] { browse(m_knownHosts, tr("Known hosts file")); });
    return form;
}

QList<MachineConfig> MachinesDialog::machines() const
{
    QList<MachineConfig> list;
    list.reserve(m_entries.size());
    for (const Entry &e : m_entries)
        list << normalized(e);
    return list;
}

MachineConfig MachinesDialog::normalized(const Entry &entry)
{
    MachineConfig m = entry.config;
    for (QString *s : { &m.id, &m.name, &m.host, &m.user, &m.keyFile, &m.knownHosts, &m.serverUrl, &m.nodeExporterUrl })
        *s = s->trimmed();
    if (!entry.useKeyFile)
        m.keyFile.clear();
    if (m.name.isEmpty())
        m.name = m.id;
    return m;
}

void MachinesDialog::insertEntry(int row, const Entry &entry)
{
    m_entries.insert(row, entry);
    m_list->insertItem(row, QString());
    updateItem(row);
}

void MachinesDialog::addMachine()
{
    Entry entry;
    entry.autoId = true;
    insertEntry(int(m_entries.size()), entry);
    m_list->setCurrentRow(int(m_entries.size()) - 1);
    validate();
    m_name->setFocus();
}

void MachinesDialog::removeMachine()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_entries.removeAt(row);
    {
        // Taking the item moves the current row while the list still has it: showEntry() would
        // read an entry past the end. The row to show is chosen below.
        const QSignalBlocker blocker(m_list);
        delete m_list->takeItem(row);
    }
    m_list->setCurrentRow(std::min(row, int(m_entries.size()) - 1));
    showEntry(m_list->currentRow());
    validate();
}

void MachinesDialog::duplicateMachine()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    Entry copy = m_entries.at(row);
    copy.config.name = normalized(copy).name + tr(" (copy)");
    copy.config.id = suggestId(copy.config.name, -1);
    copy.autoId = true;
    insertEntry(row + 1, copy);
    m_list->setCurrentRow(row + 1);
    validate();
    m_name->setFocus();
    m_name->selectAll();
}

void MachinesDialog::showEntry(int row)
{
    m_form->setEnabled(row >= 0);
    m_remove->setEnabled(row >= 0);
    m_duplicate->setEnabled(row >= 0);
    const Entry entry = row >= 0 ? m_entries.at(row) : Entry {};
    const MachineConfig &m = entry.config;
    m_loading = true;
    m_name->setText(m.name);
    m_id->setText(m.id);
    m_host->setText(m.host);
    m_port->setValue(m.port);
    m_user->setText(m.user);
    m_auth->setCurrentIndex(entry.useKeyFile ? 1 : 0);
    m_keyFile->setText(m.keyFile);
    m_knownHosts->setText(m.knownHosts);
    m_timeout->setValue(m.timeoutSeconds);
    m_serverUrl->setText(m.serverUrl);
    m_serverKind->setCurrentIndex(std::max(0, m_serverKind->findData(int(m.serverKind))));
    m_probe->setChecked(m.probe);
    m_probeInterval->setValue(m.probeIntervalSeconds);
    m_nodeExporter->setText(m.nodeExporterUrl);
    m_keyFile->setEnabled(entry.useKeyFile);
    m_keyFileBrowse->setEnabled(entry.useKeyFile);
    m_probeInterval->setEnabled(m.probe);
    m_loading = false;
}

void MachinesDialog::formEdited()
{
    const int row = m_list->currentRow();
    if (m_loading || row < 0)
        return;
    Entry &entry = m_entries[row];
    MachineConfig &m = entry.config;
    m.name = m_name->text();
    m.host = m_host->text();
    m.port = m_port->value();
    m.user = m_user->text();
    entry.useKeyFile = m_auth->currentIndex() == 1;
    m.keyFile = m_keyFile->text();
    m.knownHosts = m_knownHosts->text();
    m.timeoutSeconds = m_timeout->value();
    m.serverUrl = m_serverUrl->text();
    m.serverKind = ServerKind(m_serverKind->currentData().toInt());
    m.probe = m_probe->isChecked();
    m.probeIntervalSeconds = m_probeInterval->value();
    m.nodeExporterUrl = m_nodeExporter->text();
    if (entry.autoId) {
        m.id = suggestId(m.name, row);
        if (m_id->text() != m.id) {
            m_loading = true;
            m_id->setText(m.id);
            m_loading = false;
        }
    }
    m_keyFile->setEnabled(entry.useKeyFile);
    m_keyFileBrowse->setEnabled(entry.useKeyFile);
    m_probeInterval->setEnabled(m.probe);
    updateItem(row);
    validate();
}

void MachinesDialog::idEdited()
{
    const int row = m_list->currentRow();
    if (m_loading || row < 0)
        return;
    m_entries[row].autoId = false;
    m_entries[row].config.id = m_id->text();
    updateItem(row);
    validate();
}

// The name in lowercase with every run of other characters than a-z and 0-9 made one _, without
// a leading or trailing _, and made unique among the other machines (and "local") with _2, _3, …
QString MachinesDialog::suggestId(const QString &name, int row) const
{
    QString id;
    for (const QChar c : name.toLower()) {
        const char16_t u = c.unicode();
        if ((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9'))
            id += c;
        else if (!id.isEmpty() && !id.endsWith(u'_'))
            id += u'_';
    }
    while (id.endsWith(u'_'))
        id.chop(1);
    if (id.isEmpty())
        return id;
    auto taken = [&](const QString &candidate) {
        if (candidate == u"local")
            return true;
        for (int i = 0; i < m_entries.size(); ++i) {
            if (i != row && normalized(m_entries.at(i)).id == candidate)
                return true;
        }
        return false;
    };
    QString candidate = id;
    for (int n = 2; taken(candidate); ++n)
        candidate = id + u'_' + QString::number(n);
    return candidate;
}

void MachinesDialog::updateItem(int row)
{
    const MachineConfig m = normalized(m_entries.at(row));
    QListWidgetItem *item = m_list->item(row);
    item->setText(m.name.isEmpty() ? tr("New machine") : m.name);
    item->setToolTip(m.id);
}

void MachinesDialog::validate()
{
    const QList<MachineConfig> list = machines();
    QList<bool> valid;
    m_problems = validateMachines(list, &valid);
    for (int row = 0; row < list.size(); ++row) {
        bool rowValid = valid.at(row);
        if (m_entries.at(row).useKeyFile && list.at(row).keyFile.isEmpty()) {
            m_problems << tr("machine %1: choose a key file, or use ssh-agent.").arg(row + 1);
            rowValid = false;
        }
        m_list->item(row)->setForeground(rowValid ? palette().text() : QBrush(QColor(0xb0, 0x00, 0x20)));
    }

    QStringList shown = m_problems.mid(0, MaxProblemsShown);
    if (m_problems.size() > MaxProblemsShown)
        shown << tr("… and %n more.", nullptr, int(m_problems.size() - MaxProblemsShown));
    m_problem->setText(shown.join(u'\n'));
    m_problem->setVisible(!m_problems.isEmpty());
    m_save->setEnabled(m_problems.isEmpty());
    m_export->setEnabled(m_problems.isEmpty() && !m_entries.isEmpty());
}

void MachinesDialog::accept()
{
    if (!m_problems.isEmpty())
        return;
    QDialog::accept();
}

bool MachinesDialog::importFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(true, tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()), {});
        return false;
    }
    const MachineConfigResult result = parseMachinesJson(file.readAll());
    int lastRow = -1;
    for (const MachineConfig &m : result.machines) {
        const Entry entry { m, false, !m.keyFile.isEmpty() };
        int row = 0;
        while (row < m_entries.size() && normalized(m_entries.at(row)).id != m.id)
            ++row;
        if (row < m_entries.size()) {
            m_entries[row] = entry;
            updateItem(row);
        } else {
            insertEntry(row, entry);
        }
        lastRow = row;
    }
    if (lastRow >= 0) {
        m_list->setCurrentRow(lastRow);
        showEntry(lastRow);
    }
    validate();

    const QStringList details = result.errors + result.warnings;
    if (!details.isEmpty()) {
        const QString text = tr("Imported %n machine(s) from %1.", nullptr, int(result.machines.size()))
                                 .arg(QDir::toNativeSeparators(path));
        showMessage(!result.errors.isEmpty(), text, details);
    }
    return !result.machines.isEmpty();
}

bool MachinesDialog::exportFile(const QString &path)
{
    QString error;
    if (!OutputFile::write(path, machinesToJson(machines()), &error)) {
        showMessage(true, tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), error), {});
        return false;
    }
    return true;
}

void MachinesDialog::chooseImport()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import machines"), QString(), tr("Machines files (*.json);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void MachinesDialog::chooseExport()
{
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export machines"), QStringLiteral("machines.json"), tr("Machines files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    exportFile(path);
}

void MachinesDialog::browse(QLineEdit *edit, const QString &title)
{
    QString start = edit->text().trimmed();
    if (start.startsWith(QStringLiteral("~/")))
        start = QDir::homePath() + start.mid(1);
    if (start.isEmpty())
        start = QDir::homePath() + QStringLiteral("/.ssh");
    const QString path
        = QFileDialog::getOpenFileName(this, title, start, {}, nullptr, QFileDialog::DontResolveSymlinks);
    if (!path.isEmpty())
        edit->setText(path); // textChanged: formEdited
}

// Opened, not executed: the dialog stays usable and tests can find the box by its objectName.
void MachinesDialog::showMessage(bool problem, const QString &text, const QStringList &details)
{
    auto *box = new QMessageBox(
        problem ? QMessageBox::Warning : QMessageBox::Information, windowTitle(), text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("machinesMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QStringList shown = details.mid(0, MaxDetailsShown);
    if (details.size() > MaxDetailsShown) {
        shown << tr("… and %n more.", nullptr, int(details.size() - MaxDetailsShown));
        box->setDetailedText(details.join(u'\n'));
    }
    box->setInformativeText(shown.join(u'\n'));
    box->open();
}

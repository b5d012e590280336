#include "machinesdialog.h"

#include "machineform.h"
#include "outputfile.h"
#include "prometheusserverlist.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QVBoxLayout>

namespace {

constexpr int MaxProblemsShown = 5; // under the form
constexpr int MaxDetailsShown = 10; // in a message box; all of them under "Show Details…"

} // namespace

MachinesDialog::MachinesDialog(const QList<MachineConfig> &machines, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_duplicate(new QPushButton(tr("Duplicate"), this))
    , m_prometheus(new PrometheusServerList(this))
{
    setWindowTitle(tr("Machines"));
    QWidget *left = buildList();
    m_form = new MachineForm(this);
    connect(m_form, &MachineForm::edited, this, &MachinesDialog::formEdited);
    connect(m_form, &MachineForm::idEdited, this, &MachinesDialog::idEdited);
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

// The machines' list and its buttons, then the Prometheus servers.
QWidget *MachinesDialog::buildList()
{
    m_list->setObjectName(QStringLiteral("machineList"));
    m_remove->setObjectName(QStringLiteral("removeButton"));
    m_duplicate->setObjectName(QStringLiteral("duplicateButton"));
    auto *add = new QPushButton(tr("Add"), this);
    add->setObjectName(QStringLiteral("addButton"));
    connect(add, &QPushButton::clicked, this, &MachinesDialog::addMachine);
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
    leftColumn->addWidget(m_prometheus);
    connect(m_prometheus, &PrometheusServerList::changed, this, &MachinesDialog::validate);
    return left;
}

void MachinesDialog::setPrometheusServers(const QList<PrometheusServerConfig> &servers)
{
    m_prometheus->setServers(servers);
    validate();
}

QList<PrometheusServerConfig> MachinesDialog::prometheusServers() const
{
    return m_prometheus->servers();
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
    m_form->focusName(false);
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
    m_form->focusName(true);
}

void MachinesDialog::showEntry(int row)
{
    m_form->setEnabled(row >= 0);
    m_remove->setEnabled(row >= 0);
    m_duplicate->setEnabled(row >= 0);
    const Entry entry = row >= 0 ? m_entries.at(row) : Entry {};
    m_form->setMachine(entry.config, entry.useKeyFile);
}

void MachinesDialog::formEdited()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    Entry &entry = m_entries[row];
    entry.useKeyFile = m_form->readInto(entry.config);
    if (entry.autoId) {
        entry.config.id = suggestId(entry.config.name, row);
        m_form->setId(entry.config.id);
    }
    updateItem(row);
    validate();
}

void MachinesDialog::idEdited(const QString &id)
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_entries[row].autoId = false;
    m_entries[row].config.id = id;
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
    m_export->setEnabled(m_problems.isEmpty() && (!m_entries.isEmpty() || !m_prometheus->servers().isEmpty()));
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
    m_prometheus->merge(result.prometheus);
    validate();

    const QStringList details = result.errors + result.warnings;
    if (!details.isEmpty()) {
        const QString text = tr("Imported %n machine(s) from %1.", nullptr, int(result.machines.size()))
                                 .arg(QDir::toNativeSeparators(path));
        showMessage(!result.errors.isEmpty(), text, details);
    }
    return !result.machines.isEmpty() || !result.prometheus.isEmpty();
}

bool MachinesDialog::exportFile(const QString &path)
{
    QString error;
    if (!OutputFile::write(path, machinesToJson(machines(), prometheusServers()), &error)) {
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

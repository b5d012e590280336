#include "prometheusserverdialog.h"

#include "fleetquery.h"
#include "prometheuscheck.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

PrometheusServerDialog::PrometheusServerDialog(const PrometheusServerConfig &server, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("prometheusServerDialog"));
    setWindowTitle(tr("Prometheus server"));
    createFields();
    layOut();
    m_url->setText(server.url);
    m_selector->setText(server.selector);
    m_tokenFile->setText(server.tokenFile);
    m_user->setText(server.user);
    m_password->setText(server.password);
    m_timeout->setValue(server.timeoutSeconds);
    m_auth->setCurrentIndex(!server.tokenFile.isEmpty() ? TokenFile : !server.user.isEmpty() ? Basic : NoAuth);
    edited();
}

PrometheusServerDialog::~PrometheusServerDialog() = default;

void PrometheusServerDialog::createFields()
{
    m_url = new QLineEdit(this);
    m_selector = new QLineEdit(this);
    m_auth = new QComboBox(this);
    m_tokenFile = new QLineEdit(this);
    m_tokenBrowse = new QPushButton(tr("Browse…"), this);
    m_user = new QLineEdit(this);
    m_password = new QLineEdit(this);
    m_timeout = new QSpinBox(this);
    m_test = new QPushButton(tr("Test"), this);
    m_result = new QLabel(this);

    m_url->setObjectName(QStringLiteral("promUrlEdit"));
    m_selector->setObjectName(QStringLiteral("promSelectorEdit"));
    m_auth->setObjectName(QStringLiteral("promAuthCombo"));
    m_tokenFile->setObjectName(QStringLiteral("promTokenFileEdit"));
    m_user->setObjectName(QStringLiteral("promUserEdit"));
    m_password->setObjectName(QStringLiteral("promPasswordEdit"));
    m_timeout->setObjectName(QStringLiteral("promTimeoutSpin"));
    m_test->setObjectName(QStringLiteral("promTestButton"));
    m_result->setObjectName(QStringLiteral("promTestLabel"));

    m_url->setPlaceholderText(tr("e.g. http://prometheus.lab:9090"));
    m_selector->setPlaceholderText(tr("optional, e.g. {job=\"node\"}; empty: every target"));
    m_auth->addItem(tr("None"));
    m_auth->addItem(tr("Bearer token file"));
    m_auth->addItem(tr("User and password (basic)"));
    m_tokenFile->setPlaceholderText(tr("a file whose first line is the token"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setToolTip(tr("Saved with the machines as written; a token file keeps the secret out of the settings"));
    m_timeout->setRange(1, MachineConfig::MaxTimeoutSeconds);
    m_timeout->setSuffix(tr(" s"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_test->setAutoDefault(false);

    for (QLineEdit *edit : { m_url, m_selector, m_tokenFile, m_user, m_password })
        connect(edit, &QLineEdit::textChanged, this, &PrometheusServerDialog::edited);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &PrometheusServerDialog::edited);
    connect(m_tokenBrowse, &QPushButton::clicked, this, &PrometheusServerDialog::browse);
    connect(m_test, &QPushButton::clicked, this, &PrometheusServerDialog::test);
}

void PrometheusServerDialog::layOut()
{
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_tokenFile, 1);
    tokenRow->addWidget(m_tokenBrowse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_result, 1);

    auto *form = new QFormLayout;
    form->addRow(tr("URL:"), m_url);
    form->addRow(tr("Selector:"), m_selector);
    form->addRow(tr("Authentication:"), m_auth);
    form->addRow(tr("Token file:"), tokenRow);
    form->addRow(tr("User:"), m_user);
    form->addRow(tr("Password:"), m_password);
    form->addRow(tr("Timeout:"), m_timeout);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(testRow);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

PrometheusServerConfig PrometheusServerDialog::server() const
{
    PrometheusServerConfig s;
    s.url = m_url->text().trimmed();
    s.selector = m_selector->text().trimmed();
    s.timeoutSeconds = m_timeout->value();
    if (m_auth->currentIndex() == TokenFile)
        s.tokenFile = m_tokenFile->text().trimmed();
    if (m_auth->currentIndex() == Basic) {
        s.user = m_user->text().trimmed();
        s.password = m_password->text();
    }
    return s;
}

QString PrometheusServerDialog::problem() const
{
    const PrometheusServerConfig s = server();
    const QUrl url(s.url);
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"http" && url.scheme() != u"https"))
        return tr("The URL must be http:// or https:// with a host.");
    QString error;
    if (!FleetQuery::normalizeSelector(s.selector, &error))
        return error;
    if (m_auth->currentIndex() == TokenFile && s.tokenFile.isEmpty())
        return tr("Choose the token file, or no authentication.");
    if (m_auth->currentIndex() == Basic && s.user.isEmpty())
        return tr("Give the user, or no authentication.");
    return {};
}

void PrometheusServerDialog::edited()
{
    const int auth = m_auth->currentIndex();
    m_tokenFile->setEnabled(auth == TokenFile);
    m_tokenBrowse->setEnabled(auth == TokenFile);
    m_user->setEnabled(auth == Basic);
    m_password->setEnabled(auth == Basic);
    const QString why = problem();
    m_ok->setEnabled(why.isEmpty());
    m_test->setEnabled(why.isEmpty());
    m_result->setStyleSheet(why.isEmpty() ? QString() : QStringLiteral("color: #b00020"));
    m_result->setText(why);
}

void PrometheusServerDialog::test()
{
    delete m_check; // its answer would be about other fields
    m_check = new PrometheusCheck(server(), this);
    m_result->setStyleSheet(QString());
    m_result->setText(tr("Asking %1…").arg(server().url));
    connect(m_check, &PrometheusCheck::finished, this, [this](const PrometheusCheck::Result &r) {
        const QString text = r.ok
            ? tr("Found %1 targets on %2 machines, %3 up.").arg(r.targets).arg(r.machines).arg(r.up)
            : tr("No answer: %1").arg(r.error);
        m_result->setStyleSheet(r.ok ? QString() : QStringLiteral("color: #b00020"));
        m_result->setText(text);
        m_check->deleteLater();
        emit testFinished(r.ok, text);
    });
    m_check->start();
}

void PrometheusServerDialog::browse()
{
    QString start = m_tokenFile->text().trimmed();
    if (start.startsWith(QStringLiteral("~/")))
        start = QDir::homePath() + start.mid(1);
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Token file"), start.isEmpty() ? QDir::homePath() : start);
    if (!path.isEmpty())
        m_tokenFile->setText(path);
}

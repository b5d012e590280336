#include "httpapidialog.h"

#include "httpbind.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

HttpApiDialog::HttpApiDialog(
    bool enabled, const QString &bind, const QString &token, const QString &status, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("HTTP API"));
    auto *layout = new QVBoxLayout(this);
    m_enabled = new QCheckBox(tr("Serve the &HTTP API (health, summary, export, markers, Prometheus /metrics)"), this);
    m_enabled->setChecked(enabled);
    layout->addWidget(m_enabled);

    auto *form = new QFormLayout;
    m_bind = new QLineEdit(bind, this);
    m_bind->setObjectName(QStringLiteral("bind"));
    m_bind->setPlaceholderText(QStringLiteral("127.0.0.1:8765"));
    form->addRow(tr("&Address:"), m_bind);
    m_token = new QLineEdit(token, this);
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setPlaceholderText(tr("none on loopback; generated on other addresses"));
    auto *generate = new QPushButton(tr("&Generate"), this);
    connect(generate, &QPushButton::clicked, this, [this] { m_token->setText(HttpBind::generateToken()); });
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(generate);
    form->addRow(tr("&Token:"), tokenRow);
    layout->addLayout(form);

    auto *note = new QLabel(tr("On loopback (127.0.0.1, ::1) only programs on this computer can connect. Any "
                               "other address needs the token, sent as \"Authorization: Bearer TOKEN\"."),
        this);
    note->setWordWrap(true);
    layout->addWidget(note);
    auto *current = new QLabel(status, this);
    current->setObjectName(QStringLiteral("status"));
    current->setWordWrap(true);
    current->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(current);
    m_error = new QLabel(this);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &HttpApiDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &HttpApiDialog::reject);
    layout->addWidget(buttons);
}

bool HttpApiDialog::isApiEnabled() const
{
    return m_enabled->isChecked();
}

QString HttpApiDialog::bind() const
{
    return m_bind->text().trimmed();
}

QString HttpApiDialog::token() const
{
    return m_token->text().trimmed();
}

void HttpApiDialog::accept()
{
    QString error;
    if (isApiEnabled() && !HttpBind::parse(bind(), nullptr, nullptr, &error)) {
        m_error->setText(error);
        m_error->show();
        m_bind->setFocus();
        return;
    }
    QDialog::accept();
}

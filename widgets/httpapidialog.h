#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;

// The window's HTTP API setting: on or off, the address it listens on, and its token.
class HttpApiDialog : public QDialog
{
    Q_OBJECT
public:
    // `status` says what the API does now (where it listens, or why it cannot).
    HttpApiDialog(
        bool enabled, const QString &bind, const QString &token, const QString &status, QWidget *parent = nullptr);

    bool isApiEnabled() const;
    QString bind() const;
    QString token() const;

    void accept() override;

private:
    QCheckBox *m_enabled;
    QLineEdit *m_bind;
    QLineEdit *m_token;
    QLabel *m_error;
};

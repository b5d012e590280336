#pragma once

#include "machineconfig.h"

#include <QDialog>
#include <QPointer>

class PrometheusCheck;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

// One Prometheus server whose targets become machines (Machines… → Add from Prometheus…): its URL,
// a bearer token file or a user and password, a label selector. Test asks the server, without
// blocking, how many targets the selector finds; OK stays disabled while the URL or the selector
// cannot work.
class PrometheusServerDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PrometheusServerDialog(const PrometheusServerConfig &server, QWidget *parent = nullptr);
    ~PrometheusServerDialog() override;

    // As edited: strings trimmed, only the chosen authentication's fields kept.
    PrometheusServerConfig server() const;
    // Why OK is disabled; empty when the server can be saved.
    QString problem() const;
    // Starts a test query; testFinished() follows with the text also shown under the form.
    void test();

signals:
    void testFinished(bool ok, const QString &text);

private:
    enum Auth { NoAuth, TokenFile, Basic };

    void createFields();
    void layOut();
    void edited();
    void browse();

    QLineEdit *m_url;
    QLineEdit *m_selector;
    QComboBox *m_auth;
    QLineEdit *m_tokenFile;
    QPushButton *m_tokenBrowse;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QSpinBox *m_timeout;
    QPushButton *m_test;
    QLabel *m_result;
    QPushButton *m_ok = nullptr;
    QPointer<PrometheusCheck> m_check; // the test in flight; a new test replaces it
};

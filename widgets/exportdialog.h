#pragma once

#include <QDialog>
#include <QList>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class TimeChart;

// Chooses a chart, a picture size and a file, and writes it with ChartExporter on Save. When the
// writing fails the dialog stays open with the reason under the path, which stays editable.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(
        const QList<TimeChart *> &charts, TimeChart *current, const QString &directory, QWidget *parent = nullptr);

    TimeChart *chart() const;
    QSize pictureSize() const;
    QString path() const;
    // Why the last Save failed, or empty.
    QString error() const;

    void accept() override;

private:
    void onSizeChoice();
    void browse();
    void suggestPath();

    QList<TimeChart *> m_charts;
    QComboBox *m_chart;
    QComboBox *m_size;
    QSpinBox *m_width;
    QSpinBox *m_height;
    QLineEdit *m_path;
    QLabel *m_error;
    QString m_directory;
};

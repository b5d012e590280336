#pragma once

#include <QDialog>
#include <QList>

class QComboBox;
class QLineEdit;
class QSpinBox;
class TimeChart;

// Chooses a chart, a picture size and a file for ChartExporter.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(
        const QList<TimeChart *> &charts, TimeChart *current, const QString &directory, QWidget *parent = nullptr);

    TimeChart *chart() const;
    QSize pictureSize() const;
    QString path() const;

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
    QString m_directory;
};

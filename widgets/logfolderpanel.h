#pragma once

#include "analysisresult.h"

#include <QWidget>

class LogFolderModel;
class QLabel;
class QTableView;

// The list of the log folder's logs beside the Analysis tab's charts: the folder's name, a Refresh
// button and the table of LogFolderModel; a click or Enter on a row asks to open that log (a timing
// log: in the Timings tab).
class LogFolderPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LogFolderPanel(QWidget *parent = nullptr);

    void setFolder(const QString &dir, const AnalysisThresholds &thresholds);
    LogFolderModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

signals:
    void openRequested(const QString &path);
    void timingLogRequested(const QString &path);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The file name gets the width the other columns leave, but no less than its end (the date).
    void fitFileColumn();

    LogFolderModel *m_model;
    QLabel *m_label;
    QTableView *m_view;
    AnalysisThresholds m_thresholds;
};

#pragma once

#include "reporttable.h"

#include <QFont>
#include <QPainter>
#include <QPdfWriter>
#include <QString>

class QImage;

// A printed report on A4, written top to bottom: headings, lines of text, tables (laid out by
// ReportTable: no row split across pages, the header again on each page) and pictures at the
// page's width, with the title and the page number at the foot of every page.
class ReportPdf
{
public:
    ReportPdf(const QString &path, const QString &title);

    // False when the file cannot be opened for writing.
    bool begin();
    void heading(const QString &text, bool large = false);
    void text(const QString &text);
    void table(const ReportTable::Table &table);
    // A picture as wide as the page, drawn at its own aspect ratio.
    void picture(const QImage &image);
    void finish();

    // The page's width and a picture's resolution scale for a chart drawn at that width: text about
    // as large as the report's small print.
    int pageWidth() const;
    qreal chartScale() const;

private:
    void newPage();
    void footer();
    // Starts a page unless `height` fits below the cursor.
    void ensureSpace(qreal height);
    void paintRow(const QList<qreal> &widths, const QList<QStringList> &lines, const ReportTable::Table &table,
        bool header, qreal height, bool shaded);
    qreal bottom() const;

    QPdfWriter m_pdf;
    QPainter m_painter;
    QString m_title;
    QFont m_body;
    QFont m_bold;
    qreal m_y = 0;
    int m_page = 1;
};

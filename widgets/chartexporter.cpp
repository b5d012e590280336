#include "chartexporter.h"

#include "timechart.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSvgGenerator>

namespace ChartExporter {

bool exportChart(TimeChart *chart, const QString &path, QSize size, QString *error)
{
    return exportPicture(
        [chart](QPainter *painter, QSize size) { chart->render(painter, size); }, chart->title(), path, size, error);
}

bool exportPicture(const std::function<void(QPainter *, QSize)> &render, const QString &title, const QString &path,
    QSize size, QString *error)
{
    if (size.width() < 16 || size.height() < 16 || size.width() > 16384 || size.height() > 16384) {
        *error = QCoreApplication::translate("ChartExporter", "The size %1×%2 is not between 16 and 16384 pixels")
                     .arg(size.width())
                     .arg(size.height());
        return false;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(title);
        QPainter painter;
        if (!painter.begin(&svg)) {
            *error = QCoreApplication::translate("ChartExporter", "Cannot write %1").arg(path);
            return false;
        }
        render(&painter, size);
        painter.end();
        if (!QFileInfo(path).isFile() || QFileInfo(path).size() == 0) {
            *error = QCoreApplication::translate("ChartExporter", "Cannot write %1").arg(path);
            return false;
        }
        return true;
    }

    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        render(&painter, size);
    }
    QImageWriter writer(path);
    if (!writer.write(image)) {
        *error = QCoreApplication::translate("ChartExporter", "Cannot write %1: %2").arg(path, writer.errorString());
        return false;
    }
    return true;
}

} // namespace ChartExporter

#include "timingsexport.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QInputDialog>
#include <QSaveFile>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TimingsExport", text);
}

QByteArray csvField(const QString &text)
{
    QByteArray f = text.toUtf8();
    if (f.contains(',') || f.contains('"') || f.contains('\n') || f.contains('\r'))
        f = '"' + f.replace("\"", "\"\"") + '"';
    return f;
}

QByteArray number(double v)
{
    return std::isfinite(v) ? QByteArray::number(v, 'g', 10) : QByteArray();
}
} // namespace

namespace TimingsExport {

QByteArray statisticsCsv(const TimingSummary &summary)
{
    QStringList attributes;
    for (const FunctionStats &f : summary.functions) {
        for (const AttributeStats &a : f.attributes) {
            if (!attributes.contains(a.name))
                attributes.append(a.name);
        }
    }
    QByteArray out
        = "function,count,total_s,mean_s,median_s,p95_s,min_s,max_s,errors,success_rate,share,memory_delta_mb";
    for (const QString &a : attributes)
        out += ',' + csvField(a + QStringLiteral("_mean")) + ',' + csvField(a + QStringLiteral("_max"));
    out += '\n';
    for (const FunctionStats &f : summary.functions) {
        out += csvField(f.name) + ',' + QByteArray::number(f.count);
        for (double v : { f.total, f.mean, f.median, f.p95, f.min, f.max })
            out += ',' + number(v);
        out += ',' + QByteArray::number(f.errors) + ',' + number(f.successRate) + ',' + number(f.share) + ','
            + number(f.memoryDelta);
        for (const QString &name : attributes) {
            const auto it = std::find_if(
                f.attributes.begin(), f.attributes.end(), [&name](const AttributeStats &a) { return a.name == name; });
            out += it == f.attributes.end() ? QByteArray(",,") : ',' + number(it->mean) + ',' + number(it->max);
        }
        out += '\n';
    }
    return out;
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool askPicture(QWidget *parent, const QString &suggestedPath, QSize onScreen, QString *path, QSize *size)
{
    const QString screen = tr("On screen (%1×%2)").arg(onScreen.width()).arg(onScreen.height());
    const QStringList sizes
        = { screen, QStringLiteral("1920×1080"), QStringLiteral("3840×2160"), QStringLiteral("1200×400") };
    bool ok = false;
    const QString chosen
        = QInputDialog::getItem(parent, tr("Export a chart"), tr("Picture size:"), sizes, 0, false, &ok);
    if (!ok)
        return false;
    *path = QFileDialog::getSaveFileName(parent, tr("Export a chart"), suggestedPath, tr("PNG (*.png);;SVG (*.svg)"));
    if (path->isEmpty())
        return false;
    *size = onScreen;
    if (chosen != screen) {
        const QStringList wh = chosen.split(u'×');
        *size = QSize(wh[0].toInt(), wh[1].toInt());
    }
    return true;
}

} // namespace TimingsExport

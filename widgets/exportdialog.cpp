#include "exportdialog.h"

#include "chartexporter.h"
#include "timechart.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>

ExportDialog::ExportDialog(
    const QList<TimeChart *> &charts, TimeChart *current, const QString &directory, QWidget *parent)
    : QDialog(parent)
    , m_charts(charts)
    , m_chart(new QComboBox(this))
    , m_size(new QComboBox(this))
    , m_width(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_path(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_directory(directory)
{
    setWindowTitle(tr("Export chart"));
    for (TimeChart *c : charts)
        m_chart->addItem(c->title());
    m_chart->setCurrentIndex(std::max<int>(0, int(charts.indexOf(current))));

    m_size->addItem(tr("As on screen"), QSize());
    for (const QSize &s : { QSize(1280, 720), QSize(1920, 1080), QSize(2560, 1440), QSize(3840, 2160) })
        m_size->addItem(QStringLiteral("%1 × %2").arg(s.width()).arg(s.height()), s);
    m_size->addItem(tr("Custom"), QSize(-1, -1));
    m_size->setCurrentIndex(2);
    for (QSpinBox *box : { m_width, m_height }) {
        box->setRange(16, 16384);
        box->setSuffix(tr(" px"));
    }
    m_width->setValue(1920);
    m_height->setValue(1080);

    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto *sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_size, 1);
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(m_height);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_size, &QComboBox::currentIndexChanged, this, &ExportDialog::onSizeChoice);
    connect(m_chart, &QComboBox::currentIndexChanged, this, &ExportDialog::suggestPath);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Chart:"), m_chart);
    form->addRow(tr("Size:"), sizeRow);
    form->addRow(tr("File:"), pathRow);
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_error->setObjectName(QStringLiteral("exportError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    form->addRow(m_error);
    form->addRow(buttons);
    onSizeChoice();
    suggestPath();
    resize(560, sizeHint().height());
}

TimeChart *ExportDialog::chart() const
{
    return m_charts.value(m_chart->currentIndex());
}

QSize ExportDialog::pictureSize() const
{
    const QSize chosen = m_size->currentData().toSize();
    if (chosen == QSize(-1, -1))
        return { m_width->value(), m_height->value() };
    if (!chosen.isValid() && chart())
        return chart()->size();
    return chosen;
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

QString ExportDialog::error() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ExportDialog::accept()
{
    QString why;
    if (!chart())
        why = tr("There is no chart to export.");
    else if (path().isEmpty())
        why = tr("Choose a file to write.");
    else if (!ChartExporter::exportChart(chart(), path(), pictureSize(), &why) && why.isEmpty())
        why = tr("Cannot write %1.").arg(path());
    if (!why.isEmpty()) {
        m_error->setText(why);
        m_error->show();
        m_path->setFocus();
        return;
    }
    m_error->hide();
    QDialog::accept();
}

void ExportDialog::onSizeChoice()
{
    const bool custom = m_size->currentData().toSize() == QSize(-1, -1);
    m_width->setEnabled(custom);
    m_height->setEnabled(custom);
    const QSize s = pictureSize();
    if (!custom && s.isValid()) {
        m_width->setValue(s.width());
        m_height->setValue(s.height());
    }
}

void ExportDialog::suggestPath()
{
    if (!chart())
        return;
    QString name = chart()->title().toLower();
    // Letters of any script stay (a Chinese title gives a Chinese name, not "___").
    name.replace(QRegularExpression(QStringLiteral("[^\\w]+"), QRegularExpression::UseUnicodePropertiesOption),
        QStringLiteral("_"));
    while (name.endsWith(u'_'))
        name.chop(1);
    while (name.startsWith(u'_'))
        name.remove(0, 1);
    name = name + u'_' + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd_HHmmss"))
        + QStringLiteral(".png");
    m_path->setText(QDir(m_directory).filePath(name));
}

void ExportDialog::browse()
{
    const QString chosen
        = QFileDialog::getSaveFileName(this, tr("Export chart"), path(), tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (!chosen.isEmpty())
        m_path->setText(chosen);
}

// Exports and the printed report as a person sees them (issue 13, items 6 and 8): a 1920×1080
// picture has slide-sized text, the PDF keeps every table row on one page under a repeated header,
// and a column header never breaks inside a word. Offscreen; the PDF is read back with pdftotext
// (poppler-utils) when the machine has it.
#include "analysischarts.h"
#include "analysispage.h"
#include "chartexporter.h"
#include "logchart.h"
#include "reporttable.h"

#include <QComboBox>
#include <QFile>
#include <QPaintEngine>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <climits>
#include <cmath>

namespace {

// A paint device that draws nothing and notes the pixel height of every text drawn on it.
class TextSizeEngine : public QPaintEngine
{
public:
    TextSizeEngine()
        : QPaintEngine(QPaintEngine::AllFeatures)
    { }
    bool begin(QPaintDevice *) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState &) override { }
    void drawPixmap(const QRectF &, const QPixmap &, const QRectF &) override { }
    void drawPolygon(const QPointF *, int, PolygonDrawMode) override { }
    void drawPath(const QPainterPath &) override { }
    void drawRects(const QRectF *, int) override { }
    void drawLines(const QLineF *, int) override { }
    void drawImage(const QRectF &, const QImage &, const QRectF &, Qt::ImageConversionFlags) override { }
    void drawTextItem(const QPointF &, const QTextItem &item) override
    {
        const QFont font = item.font();
        const qreal pixels = font.pixelSize() > 0 ? font.pixelSize() : font.pointSizeF() * 96.0 / 72.0;
        // The height of a glyph on the device: its font's size, scaled (and maybe turned: an axis title).
        const QTransform t = painter()->combinedTransform();
        texts.append({ item.text(), pixels * std::hypot(t.m21(), t.m22()) });
    }
    Type type() const override { return User; }

    QList<QPair<QString, qreal>> texts;
};

class TextSizeDevice : public QPaintDevice
{
public:
    explicit TextSizeDevice(QSize size)
        : m_size(size)
    { }
    QPaintEngine *paintEngine() const override { return &m_engine; }
    const QList<QPair<QString, qreal>> &texts() const { return m_engine.texts; }

protected:
    int metric(PaintDeviceMetric m) const override
    {
        switch (m) {
        case PdmWidth:
            return m_size.width();
        case PdmHeight:
            return m_size.height();
        case PdmWidthMM:
            return m_size.width() * 254 / 960;
        case PdmHeightMM:
            return m_size.height() * 254 / 960;
        case PdmNumColors:
            return INT_MAX;
        case PdmDepth:
            return 32;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return int(devicePixelRatioFScale());
        default:
            return 96; // the dots per inch
        }
    }

private:
    QSize m_size;
    mutable TextSizeEngine m_engine;
};

// 50 minutes of two machines, a row a second: m1's CPU at 95 % for 5 s every 30 s (100 high_cpu
// issues), each with a marker whose long label wraps in the report ("begin-N … end-N").
QByteArray manyIssues()
{
    QByteArray out = "timestamp,m1_cpu_percent,m1_server_up,m2_cpu_percent,m2_server_up,event,notes\n";
    for (int s = 0; s < 3000; ++s) {
        const int m = 30 + s / 60;
        out += "2026-11-22T" + QByteArray::number(14 + m / 60) + ':' + QByteArray::number(m % 60).rightJustified(2, '0')
            + ':' + QByteArray::number(s % 60).rightJustified(2, '0') + ".000+01:00,";
        out += (s % 30 >= 10 && s % 30 < 15) ? "95,1,10,1," : "20,1,10,1,";
        if (s % 30 == 10)
            out += "begin-" + QByteArray::number(s / 30)
                + " graded the notebook of a student after a long prompt and a retry end-" + QByteArray::number(s / 30)
                + ",\"A note, with a comma\"";
        else
            out += ',';
        out += '\n';
    }
    return out;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// The text of each page of a PDF, laid out (pdftotext -layout); empty when pdftotext is missing.
QStringList pdfPages(const QString &pdf)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (tool.isEmpty())
        return {};
    QProcess p;
    p.start(tool, { QStringLiteral("-layout"), pdf, QStringLiteral("-") });
    if (!p.waitForFinished(30'000))
        return {};
    QStringList pages = QString::fromUtf8(p.readAllStandardOutput()).split(u'\f');
    while (!pages.isEmpty() && pages.last().trimmed().isEmpty())
        pages.removeLast();
    return pages;
}

} // namespace

class TestReportExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void exportTextIsSlideSizedAt1920x1080();
    void exportCarriesTheRangeAndTheShadingLegend();
    void pdfRowsAreNeverSplitAndTheHeaderRepeats();
    void pdfColumnHeadersAreNeverBrokenMidWord();
    void headerWrapsAtWordsOnly_data();
    void headerWrapsAtWordsOnly();
    void paginationKeepsRowsWhole();
    void exportsTheDemoLog();

private:
    bool openAndWait(const QString &path);

    QTemporaryDir m_dir;
    QString m_log;
    AnalysisPage *m_page = nullptr;
};

void TestReportExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_log = m_dir.filePath(QStringLiteral("many_issues.csv"));
    QVERIFY(writeFile(m_log, manyIssues()));
}

void TestReportExport::init()
{
    m_page = new AnalysisPage;
    m_page->resize(1100, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
}

void TestReportExport::cleanup()
{
    delete m_page;
    m_page = nullptr;
}

bool TestReportExport::openAndWait(const QString &path)
{
    QSignalSpy shown(m_page, &AnalysisPage::analysisShown);
    m_page->openFile(path);
    return shown.wait(20'000) && !m_page->isLoading();
}

void TestReportExport::exportTextIsSlideSizedAt1920x1080()
{
    QVERIFY(openAndWait(m_log));
    LogChart *cpu = m_page->charts().first();
    const QSize size(1920, 1080);
    // Every text the export draws (the caption, the axes, the legend, the markers) through the
    // PNG's own path, on a device that notes the sizes.
    TextSizeDevice device(size);
    QPainter painter(&device);
    ChartExporter::paint(&painter, QRectF(QPointF(0, 0), size), ChartExporter::scaleFor(size),
        AnalysisCharts::caption(cpu, *m_page->result()), [cpu](QPainter *p, QSize s) { cpu->render(p, s); });
    painter.end();
    QVERIFY(device.texts().size() > 10);
    for (const auto &[text, pixels] : device.texts())
        QVERIFY2(pixels >= 20, qPrintable(QStringLiteral("\"%1\" is %2 px tall").arg(text).arg(pixels)));
}

void TestReportExport::exportCarriesTheRangeAndTheShadingLegend()
{
    QVERIFY(openAndWait(m_log));
    LogChart *cpu = m_page->charts().first();
    const ChartExporter::Caption caption = AnalysisCharts::caption(cpu, *m_page->result());
    QCOMPARE(caption.title, QStringLiteral("CPU — m1, m2"));
    // On the log's clock, the date once: the view's range (a little wider than the log's 14:30–15:19).
    QVERIFY2(QRegularExpression(QStringLiteral("^2026-11-22 14:[23]\\d – 15:[12]\\d \\(UTC\\+01:00\\)$"))
                 .match(caption.range)
                 .hasMatch(),
        qPrintable(caption.range));
    QCOMPARE(caption.shades.size(), 1);
    QCOMPARE(caption.shades.first().label, QStringLiteral("High CPU"));
    QCOMPARE(caption.shades.first().color, AnalysisCharts::shadeColor(IssueKind::HighCpu));
    // Ticks at round times for the picture's width (not the window's): 10 min apart over 50 min.
    TextSizeDevice device(QSize(1920, 1080));
    QPainter painter(&device);
    ChartExporter::paint(
        &painter, QRectF(0, 0, 1920, 1080), 2.0, caption, [cpu](QPainter *p, QSize s) { cpu->render(p, s); });
    painter.end();
    QStringList clocks;
    for (const auto &[text, pixels] : device.texts()) {
        if (QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d$")).match(text).hasMatch())
            clocks << text;
    }
    QVERIFY2(clocks.size() >= 6, qPrintable(clocks.join(u' ')));
    QVERIFY2(clocks.contains(QStringLiteral("14:40")), qPrintable(clocks.join(u' ')));
}

void TestReportExport::pdfRowsAreNeverSplitAndTheHeaderRepeats()
{
    QVERIFY(openAndWait(m_log));
    QCOMPARE(m_page->result()->issues.size(), 100);
    const QString pdf = m_dir.filePath(QStringLiteral("report.pdf"));
    QVERIFY2(m_page->exportReport(pdf), qPrintable(m_page->errorText()));
    const QStringList pages = pdfPages(pdf);
    if (pages.isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed: the PDF cannot be read back");
    static const QRegularExpression header(
        QStringLiteral("Machine\\s+Kind\\s+Start\\s+End\\s+Duration\\s+Peak\\s+Nearest"));
    int issuePages = 0;
    for (int n = 0; n < 100; ++n) {
        const QString begin = QStringLiteral("begin-%1 ").arg(n);
        const QString end = QStringLiteral(" end-%1").arg(n);
        // The row's first line (its times) and its last (the end of the wrapped marker label), on
        // one page: the issues table's, under its header.
        const int second = 30 * n + 10;
        const int minute = 30 + second / 60;
        const QString start = QStringLiteral("%1:%2:%3")
                                  .arg(14 + minute / 60)
                                  .arg(minute % 60, 2, 10, QLatin1Char('0'))
                                  .arg(second % 60, 2, 10, QLatin1Char('0'));
        int page = -1;
        for (int p = 0; p < pages.size(); ++p) {
            const QStringList lines = pages[p].split(u'\n');
            const auto row = std::find_if(lines.cbegin(), lines.cend(),
                [&](const QString &l) { return l.contains(begin) && l.contains(QStringLiteral("High CPU")); });
            if (row != lines.cend()) {
                QVERIFY2(page < 0, qPrintable(begin));
                page = p;
                QVERIFY2(row->contains(start), qPrintable(*row));
            }
        }
        if (page < 0)
            qWarning("%s", qPrintable(pages.join(u'\f')));
        QVERIFY2(page >= 0, qPrintable(QStringLiteral("issue %1 is not in the report").arg(n)));
        const QString text = pages[page];
        const qsizetype at = text.indexOf(begin);
        QVERIFY2(text.indexOf(end + u'\n', at) > at || text.indexOf(end + u' ', at) > at,
            qPrintable(QStringLiteral("the row of issue %1 goes on past page %2").arg(n).arg(page + 1)));
        QVERIFY2(header.match(text).hasMatch(), qPrintable(QStringLiteral("page %1 has no header").arg(page + 1)));
        issuePages = std::max(issuePages, page);
    }
    QVERIFY2(issuePages >= 2, "the test wants the issues over several pages");
}

void TestReportExport::pdfColumnHeadersAreNeverBrokenMidWord()
{
    QVERIFY(openAndWait(m_log));
    const QString pdf = m_dir.filePath(QStringLiteral("headers.pdf"));
    QVERIFY2(m_page->exportReport(pdf), qPrintable(m_page->errorText()));
    const QStringList pages = pdfPages(pdf);
    if (pages.isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed: the PDF cannot be read back");
    const QString first = pages.first();
    for (const char *word :
        { "Machine", "Samples", "Memory", "Tokens/s", "Requests", "Uptime", "Duration", "Nearest" }) {
        const QRegularExpression whole(
            QStringLiteral("(^|\\s)") + QRegularExpression::escape(QLatin1String(word)) + QStringLiteral("(\\s|$)"));
        QVERIFY2(pages.join(u'\n').contains(whole), word);
    }
    QVERIFY2(
        !first.contains(QStringLiteral("Machin\n")) && !first.contains(QStringLiteral("Machin ")), qPrintable(first));
}

void TestReportExport::headerWrapsAtWordsOnly_data()
{
    QTest::addColumn<qreal>("width");
    QTest::addRow("wide page") << 2000.0;
    QTest::addRow("narrow page") << 600.0;
    QTest::addRow("no room at all") << 50.0;
}

void TestReportExport::headerWrapsAtWordsOnly()
{
    QFETCH(qreal, width);
    QFont font;
    font.setPixelSize(14);
    const QFontMetricsF fm(font);
    ReportTable::Table t;
    t.header = { QStringLiteral("Machine"), QStringLiteral("Tokens/s avg"), QStringLiteral("Nearest marker"),
        QStringLiteral("Uptime %") };
    t.wraps = { true, false, true, false };
    t.rows = { { QStringLiteral("mac_studio_2"), QStringLiteral("42.00"),
        QStringLiteral("a long label of a marker that has to wrap somewhere"), QStringLiteral("99.5") } };
    const ReportTable::Fonts fonts { fm, fm, 4 };
    const QList<qreal> widths = ReportTable::columnWidths(t, fonts, width);
    QCOMPARE(widths.size(), 4);
    for (int c = 0; c < t.header.size(); ++c) {
        const QStringList lines = ReportTable::wrap(fm, t.header[c], widths[c] - 2 * fonts.padding, 3);
        const QStringList words = t.header[c].split(u' ');
        QCOMPARE(lines.join(u' ').split(u' '), words); // whole words, in order
    }
    // A number or a time is never wrapped or elided.
    QCOMPARE(ReportTable::wrap(fm, QStringLiteral("42.00"), widths[1] - 2 * fonts.padding, 1),
        QStringList { QStringLiteral("42.00") });
}

void TestReportExport::paginationKeepsRowsWhole()
{
    // 10 left on this page, 100 a page, a header of 10: rows of 30 go 3 to a page (the first page
    // has no room even for the header and one row).
    QCOMPARE(ReportTable::paginate({ 30, 30, 30, 30, 30, 30, 30 }, 10, 10, 100), (QList<int> { 1, 1, 1, 2, 2, 2, 3 }));
    // Room for the header and two rows here; the rest below their header on the next pages.
    QCOMPARE(ReportTable::paginate({ 30, 30, 30, 45 }, 10, 75, 100), (QList<int> { 0, 0, 1, 1 }));
    QCOMPARE(ReportTable::paginate({}, 10, 75, 100), QList<int>());
}

void TestReportExport::exportsTheDemoLog()
{
    // For looking at: PERFDASH_DEMO_LOG=log.csv PERFDASH_DEMO_OUT=dir writes the whole file's
    // report and a 1920×1080 export of each chart there (scripts/demo-log writes such a log).
    const QString log = qEnvironmentVariable("PERFDASH_DEMO_LOG");
    const QString out = qEnvironmentVariable("PERFDASH_DEMO_OUT");
    if (log.isEmpty() || out.isEmpty())
        QSKIP("set PERFDASH_DEMO_LOG and PERFDASH_DEMO_OUT to write the demo exports");
    QVERIFY(openAndWait(log));
    auto *runs = m_page->findChild<QComboBox *>(QStringLiteral("runSelector"));
    QVERIFY(runs);
    QSignalSpy shown(m_page, &AnalysisPage::analysisShown);
    runs->setCurrentIndex(1); // the whole file
    emit runs->activated(1);
    QVERIFY(shown.wait(20'000));
    QVERIFY2(m_page->exportReport(out + QStringLiteral("/report.pdf")), qPrintable(m_page->errorText()));
    QVERIFY2(m_page->exportReport(out + QStringLiteral("/report.html")), qPrintable(m_page->errorText()));
    for (LogChart *chart : m_page->charts()) {
        const QString name = out + u'/' + chart->title().toLower();
        QVERIFY(m_page->exportChart(chart, name + QStringLiteral(".png"), QSize(1920, 1080)));
        QVERIFY(m_page->exportChart(chart, name + QStringLiteral(".svg"), QSize(1920, 1080)));
    }
}

QTEST_MAIN(TestReportExport)
#include "tst_reportexport.moc"

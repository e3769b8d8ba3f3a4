#include "charts/chartexporter.h"
#include "charts/throughputlatencychart.h"
#include "models/runcollection.h"
#include "syntheticrun.h"

#include <QFile>
#include <QImageReader>
#include <QPainter>
#include <QSet>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <sys/stat.h>

class TestChartExporter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void pngIsSizeTimesScale_data();
    void pngIsSizeTimesScale();
    void svgIsValidWithSize();
    void saveChoosesFormatBySuffix();
    void exportLeavesTheChartAsItWas();
    void badRequestsFail();
    void neverReplacesWhatIsNotARegularFile();

private:
    static int colourCount(const QImage& image);
    QTemporaryDir* m_dir = nullptr;
    RunCollection* m_runs = nullptr;
    ThroughputLatencyChart* m_chart = nullptr;
};

void TestChartExporter::init() {
    m_dir = new QTemporaryDir;
    QVERIFY(m_dir->isValid());
    m_runs = new RunCollection;
    m_runs->addRun(SyntheticRun::make(), QStringLiteral("run"), false);
    m_chart = new ThroughputLatencyChart(m_runs);
    m_chart->refresh();
}

void TestChartExporter::cleanup() {
    delete m_chart;
    delete m_runs;
    delete m_dir;
}

int TestChartExporter::colourCount(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

void TestChartExporter::pngIsSizeTimesScale_data() {
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("scale");
    QTest::newRow("1x") << QSize(800, 500) << 1.0;
    QTest::newRow("2x") << QSize(800, 500) << 2.0;
    QTest::newRow("1.5x odd") << QSize(641, 401) << 1.5;
    QTest::newRow("small 3x") << QSize(320, 200) << 3.0;
}

void TestChartExporter::pngIsSizeTimesScale() {
    QFETCH(QSize, size);
    QFETCH(double, scale);
    const QString path = m_dir->filePath(QStringLiteral("chart.png"));
    QString error;
    QVERIFY2(ChartExporter::savePng(m_chart, path, size, scale, &error), qPrintable(error));
    QImageReader reader(path);
    QCOMPARE(reader.format(), QByteArray("png"));
    const QSize expected(qRound(size.width() * scale), qRound(size.height() * scale));
    QCOMPARE(reader.size(), expected);
    const QImage image = reader.read();
    QCOMPARE(image.size(), expected);
    // A drawn chart, not a blank fill: series colours, text and grid make many colours.
    QVERIFY(colourCount(image) > 50);
    // The drawing fills the whole image at every scale: the bottom-right corner region
    // (legend / axis area) is background, and so is the top-left, but the middle is not.
    const QRgb corner = image.pixel(1, 1);
    QCOMPARE(image.pixel(image.width() - 2, image.height() - 2), corner);
    int differing = 0;
    for (int x = image.width() / 4; x < image.width() * 3 / 4; x += 2)
        differing += image.pixel(x, image.height() / 2) != corner ? 1 : 0;
    QVERIFY(differing > 0);
}

void TestChartExporter::svgIsValidWithSize() {
    const QString path = m_dir->filePath(QStringLiteral("chart.svg"));
    QString error;
    QVERIFY2(ChartExporter::saveSvg(m_chart, path, QSize(900, 560), &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    bool sawRoot = false;
    int texts = 0;
    QString allText;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (!sawRoot) {
            QCOMPARE(xml.name().toString(), QStringLiteral("svg"));
            const QXmlStreamAttributes attributes = xml.attributes();
            // QSvgGenerator writes physical sizes (mm) plus a viewBox in pixels.
            QVERIFY(attributes.hasAttribute(QStringLiteral("width")));
            QVERIFY(attributes.hasAttribute(QStringLiteral("height")));
            QCOMPARE(attributes.value(QStringLiteral("viewBox")).toString(),
                     QStringLiteral("0 0 900 560"));
            sawRoot = true;
        }
        if (xml.name() == QLatin1String("text")) {
            ++texts;
            allText += xml.readElementText(QXmlStreamReader::IncludeChildElements) + u' ';
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(sawRoot);
    // Title, axis titles, tick labels, legend and point labels are all there as text.
    QVERIFY(texts > 20);
    QVERIFY2(allText.contains(QStringLiteral("Output throughput vs E2E latency p50")),
             qPrintable(allText));
    QVERIFY(allText.contains(QStringLiteral("run")));
    QVERIFY(allText.contains(QStringLiteral("c=128")));
    file.close();

    // Qt's own SVG renderer reads it and draws about what the PNG export shows.
    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBox(), QRect(0, 0, 900, 560));
    QImage drawn(900, 560, QImage::Format_ARGB32);
    drawn.fill(Qt::white);
    QPainter painter(&drawn);
    renderer.render(&painter, QRectF(0, 0, 900, 560));
    painter.end();
    const QImage png = ChartExporter::image(m_chart, QSize(900, 560), 1.0);
    int inkSvg = 0;
    int inkPng = 0;
    for (int y = 0; y < 560; y += 2) {
        for (int x = 0; x < 900; x += 2) {
            inkSvg += qGray(drawn.pixel(x, y)) < 200 ? 1 : 0;
            inkPng += qGray(png.pixel(x, y)) < 200 ? 1 : 0;
        }
    }
    // Same drawing, different rasteriser: allow a generous 35% difference in dark pixels.
    QVERIFY2(inkSvg > 0.65 * inkPng && inkSvg < 1.35 * inkPng,
             qPrintable(QStringLiteral("svg %1 png %2").arg(inkSvg).arg(inkPng)));
}

void TestChartExporter::saveChoosesFormatBySuffix() {
    QString error;
    const QString svg = m_dir->filePath(QStringLiteral("a.SVG"));
    QVERIFY(ChartExporter::save(m_chart, svg, QSize(400, 300), 2.0, &error));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("<svg"));
    const QString png = m_dir->filePath(QStringLiteral("b.png"));
    QVERIFY(ChartExporter::save(m_chart, png, QSize(400, 300), 2.0, &error));
    QCOMPARE(QImageReader(png).size(), QSize(800, 600));
}

void TestChartExporter::exportLeavesTheChartAsItWas() {
    m_chart->resize(700, 450);
    const QRectF geometry = m_chart->geometry();
    const QRectF plot = m_chart->plotArea();
    const QImage image = ChartExporter::image(m_chart, QSize(1200, 800), 1.0);
    QCOMPARE(image.size(), QSize(1200, 800));
    QCOMPARE(m_chart->geometry(), geometry);
    QCOMPARE(m_chart->plotArea(), plot);
    QVERIFY(!m_chart->scene()); // the temporary scene gave the chart back
}

void TestChartExporter::badRequestsFail() {
    QString error;
    QVERIFY(!ChartExporter::savePng(m_chart, m_dir->filePath(QStringLiteral("x.png")), QSize(0, 10),
                                    1.0, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!ChartExporter::savePng(m_chart, m_dir->filePath(QStringLiteral("x.png")),
                                    QSize(10000, 10000), 2.0, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!ChartExporter::savePng(m_chart, m_dir->filePath(QStringLiteral("no/such/dir/x.png")),
                                    QSize(200, 100), 1.0, &error));
    QVERIFY(error.contains(QStringLiteral("Cannot write")));
    error.clear();
    QVERIFY(!ChartExporter::saveSvg(m_chart, m_dir->filePath(QStringLiteral("no/such/dir/x.svg")),
                                    QSize(200, 100), &error));
    // The system's reason, not a bare "cannot write".
    QVERIFY2(error.endsWith(QStringLiteral("No such file or directory")), qPrintable(error));
}

void TestChartExporter::neverReplacesWhatIsNotARegularFile() {
    // Before, QImageWriter wrote into whatever the path named (a FIFO blocked the window
    // until something read it; as root, /dev/sda would have been overwritten).
    const QString fifo = m_dir->filePath(QStringLiteral("chart.png"));
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    QString error;
    QVERIFY(!ChartExporter::save(m_chart, fifo, QSize(200, 100), 1.0, &error));
    QVERIFY2(error.contains(QStringLiteral("is a FIFO")), qPrintable(error));
    QVERIFY(
        !ChartExporter::save(m_chart, QStringLiteral("/dev/null"), QSize(200, 100), 1.0, &error));
    QVERIFY2(error.contains(QStringLiteral("is a character device")), qPrintable(error));
    const QString svgFifo = m_dir->filePath(QStringLiteral("chart.svg"));
    QVERIFY(::mkfifo(QFile::encodeName(svgFifo).constData(), 0600) == 0);
    QVERIFY(!ChartExporter::save(m_chart, svgFifo, QSize(200, 100), 1.0, &error));
    QVERIFY2(error.contains(QStringLiteral("is a FIFO")), qPrintable(error));
    struct stat st = {};
    QVERIFY(::lstat(QFile::encodeName(fifo).constData(), &st) == 0 && S_ISFIFO(st.st_mode));
    QVERIFY(::stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
}

QTEST_MAIN(TestChartExporter)
#include "tst_chartexporter.moc"

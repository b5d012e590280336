// OutputFile: what `--json PATH` and the Export dialogs write. A regular file is replaced whole; a
// FIFO or a device at the path is written in place and stays what it was.
#include "outputfile.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
bool isFifo(const QString &path)
{
    struct stat st
    {
    };
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISFIFO(st.st_mode);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}
} // namespace

class TestOutputFile : public QObject
{
    Q_OBJECT
private slots:
    void newFileIsCreated();
    void regularFileIsReplacedWhole();
    void fifoIsWrittenInPlaceNotReplaced();
    void linkToAFileStaysALink();
    void directoryIsRefused();

private:
    QTemporaryDir m_dir;
};

void TestOutputFile::newFileIsCreated()
{
    const QString path = m_dir.filePath(QStringLiteral("new.json"));
    QString error;
    QVERIFY2(OutputFile::write(path, "{}\n", &error), qPrintable(error));
    QCOMPARE(readAll(path), QByteArray("{}\n"));
}

void TestOutputFile::regularFileIsReplacedWhole()
{
    const QString path = m_dir.filePath(QStringLiteral("old.json"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(1000, 'x'));
    }
    QString error;
    QVERIFY2(OutputFile::write(path, "short", &error), qPrintable(error));
    QCOMPARE(readAll(path), QByteArray("short"));
}

// `perfdash analyze LOG --json n` with n a device node turned n (as root, /dev/null for the whole
// machine) into a regular file: the temporary-file-and-rename write replaced it.
void TestOutputFile::fifoIsWrittenInPlaceNotReplaced()
{
    const QString path = m_dir.filePath(QStringLiteral("pipe"));
    const QByteArray name = QFile::encodeName(path);
    QCOMPARE(::mkfifo(name.constData(), 0600), 0);
    // A reader held open first lets the writer open at once; the bytes wait in the pipe.
    const int reader = ::open(name.constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(reader >= 0);
    QString error;
    const bool ok = OutputFile::write(path, "through the pipe\n", &error);
    char buffer[256] = {};
    const ssize_t n = ::read(reader, buffer, sizeof buffer);
    ::close(reader);
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(QByteArray(buffer, n > 0 ? int(n) : 0), QByteArray("through the pipe\n"));
    QVERIFY2(isFifo(path), "the FIFO was replaced by a regular file");
}

void TestOutputFile::linkToAFileStaysALink()
{
    const QString target = m_dir.filePath(QStringLiteral("target.json"));
    const QString link = m_dir.filePath(QStringLiteral("link.json"));
    {
        QFile f(target);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("old");
    }
    QVERIFY(QFile::link(target, link));
    QString error;
    QVERIFY2(OutputFile::write(link, "new", &error), qPrintable(error));
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(readAll(target), QByteArray("new"));
}

void TestOutputFile::directoryIsRefused()
{
    QString error;
    QVERIFY(!OutputFile::write(m_dir.path(), "x", &error));
    QVERIFY2(error.contains(QLatin1String("is a directory")), qPrintable(error));
    QVERIFY(QFileInfo(m_dir.path()).isDir());
}

QTEST_GUILESS_MAIN(TestOutputFile)
#include "tst_outputfile.moc"

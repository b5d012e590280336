#include "appsettings.h"
#include "commandline.h"
#include "headlesslogger.h"
#include "logdirectory.h"
#include "machineselection.h"
#include "machinesetup.h"
#include "mainwindow.h"
#include "session.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTranslator>

#include <cstdio>
#include <memory>

namespace {
void loadTranslations(QCoreApplication *app)
{
    auto *own = new QTranslator(app);
    if (own->load(QLocale(), QStringLiteral("perfdash"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

QStringList argumentList(int argc, char **argv)
{
    QStringList list;
    for (int i = 0; i < argc; ++i)
        list << QString::fromLocal8Bit(argv[i]);
    return list;
}

int runGui(QApplication &app, CommandLine options)
{
    // Saving a new set of machines starts the session again with them, in a new log.
    for (;;) {
        const MachineSelection selection = MachineSelection::fromCommandLine(options, AppSettings::machines());
        if (!selection.error.isEmpty()) {
            std::fputs(qPrintable(QStringLiteral("perfdash: ") + selection.error + u'\n'), stderr);
            QMessageBox::critical(nullptr, QObject::tr("perfdash"), selection.error);
            return 1;
        }
        Session session;
        session.setIntervalSeconds(options.interval > 0 ? options.interval : AppSettings::interval());
        RemoteSetup remote;
        remote.newHostKeys = options.acceptNewHostKeys ? SshOptions::NewHostKeys::Accept : SshOptions::NewHostKeys::Ask;
        remote.askPassphrase = true;
        addMachines(session, selection.machines, selection.includeThisComputer, remote);

        MainWindow window(&session);
        window.setConfiguredMachines(selection.machines);
        if (!selection.warnings.isEmpty())
            window.showWarning(selection.warnings.join(u'\n'));
        bool restart = false;
        QObject::connect(&window, &MainWindow::machinesEdited, &window, [&restart, &window] {
            restart = true;
            window.close();
        });
        QString error;
        if (!session.start(LogDirectory::resolve(options.logDir), &error)) {
            // The dashboard still works without a log; say so where the person looks.
            QMessageBox::warning(&window, QObject::tr("Not recording"),
                QObject::tr("The session log cannot be written, so this session is not recorded:\n%1").arg(error));
            session.start({}, &error);
        }
        window.show();
        const int rc = app.exec();
        if (!restart)
            return rc;
        options.machinesFile.clear(); // from now on, the saved machines
    }
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("perfdash"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PERFDASH_VERSION));
    const CommandLine options = CommandLine::parse(argumentList(argc, argv));

    switch (options.mode) {
    case CommandLine::Mode::Help:
    case CommandLine::Mode::Version:
        std::fputs(qPrintable(options.text + u'\n'), stdout);
        return 0;
    case CommandLine::Mode::Error:
        std::fputs(qPrintable(options.text + u'\n'), stderr);
        return 2;
    case CommandLine::Mode::Log: {
        QCoreApplication app(argc, argv);
        loadTranslations(&app);
        return options.single ? runSingleSnapshot(options) : runHeadlessLogger(options);
    }
    case CommandLine::Mode::Gui:
        break;
    }
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/perfdash.svg")));
    QApplication::setDesktopFileName(QStringLiteral("perfdash"));
    loadTranslations(&app);
    return runGui(app, options);
}

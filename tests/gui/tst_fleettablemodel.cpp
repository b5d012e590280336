// The Fleet tab's table: one row per machine of the session, in its order, under
// QAbstractItemModelTester while machines come and go; the latest values, empty where not measured.
#include "fleettablemodel.h"
#include "session.h"

#include <QAbstractItemModelTester>
#include <QTest>

#include <cmath>

namespace {
Sample sample(qint64 timeMs, double cpu, double tokens)
{
    Sample s;
    s.timeMs = timeMs;
    s.set(Metric::CpuPercent, cpu);
    s.set(Metric::TokensPerSecond, tokens);
    return s;
}
} // namespace

class TestFleetTableModel : public QObject
{
    Q_OBJECT
private slots:
    void followsTheSessionsMachines()
    {
        Session session;
        FleetTableModel model(&session);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        MachineInfo a { QStringLiteral("node1_lab_9100"), QStringLiteral("node1") };
        a.hasServer = true;
        MachineMonitor *m1 = session.addMachine(a);
        MachineMonitor *m2 = session.addMachine({ QStringLiteral("node2_lab_9100"), QStringLiteral("node2") });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(FleetTableModel::ColumnCount));
        QCOMPARE(model.data(model.index(0, FleetTableModel::MachineColumn)).toString(), QStringLiteral("node1"));
        QCOMPARE(model.data(model.index(1, FleetTableModel::MachineColumn), FleetTableModel::MachineIdRole).toString(),
            QStringLiteral("node2_lab_9100"));

        m1->deliver(1, sample(1000, 37.34, 42.8));
        QCOMPARE(model.data(model.index(0, FleetTableModel::CpuColumn)).toString(), QLocale().toString(37.3, 'f', 1));
        QCOMPARE(model.data(model.index(0, FleetTableModel::TokensColumn), FleetTableModel::SortRole).toDouble(), 42.8);
        // Not measured: empty, never 0.
        QCOMPARE(model.data(model.index(0, FleetTableModel::MemoryColumn)).toString(), QString());
        QVERIFY(
            std::isnan(model.data(model.index(1, FleetTableModel::CpuColumn), FleetTableModel::SortRole).toDouble()));
        // A machine without a server shows no server state.
        QCOMPARE(model.data(model.index(1, FleetTableModel::ServerColumn)).toString(), QString());

        session.removeMachine(m1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0, FleetTableModel::MachineColumn)).toString(), QStringLiteral("node2"));
        session.moveMachine(m2, 0);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(
            model.headerData(FleetTableModel::TokensColumn, Qt::Horizontal).toString(), QStringLiteral("Tokens/s"));
    }
};

QTEST_MAIN(TestFleetTableModel)
#include "tst_fleettablemodel.moc"

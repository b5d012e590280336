// The machines-file reader (parseMachinesJson). What it accepts must survive the way back:
// machinesToJson() of the machines read, read again, gives the same machines without a message.
#include "fuzzutil.h"
#include "machineconfig.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const MachineConfigResult r = parseMachinesJson(json);
    FUZZ_CHECK(r.errors.size() <= 101 && r.warnings.size() <= 101); // MaxMessages, then "… and N more"
    for (const MachineConfig &m : r.machines) {
        FUZZ_CHECK(isValidMachineId(m.id) && m.id != QLatin1String("local"));
        FUZZ_CHECK(!m.name.isEmpty());
        FUZZ_CHECK(m.port >= 1 && m.port <= 65535);
        FUZZ_CHECK(m.timeoutSeconds >= MachineConfig::MinTimeoutSeconds
            && m.timeoutSeconds <= MachineConfig::MaxTimeoutSeconds);
    }
    for (qsizetype i = 0; i < r.machines.size(); ++i) {
        for (qsizetype j = i + 1; j < r.machines.size(); ++j)
            FUZZ_CHECK(r.machines[i].id != r.machines[j].id);
    }

    const MachineConfigResult back = parseMachinesJson(machinesToJson(r.machines));
    FUZZ_CHECK(back.errors.isEmpty());
    FUZZ_CHECK(back.warnings.isEmpty());
    FUZZ_CHECK(back.machines == r.machines);
    return 0;
}

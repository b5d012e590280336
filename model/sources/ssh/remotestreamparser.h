#pragma once

#include "cpuusage.h"
#include "sample.h"

#include <QByteArray>
#include <QList>

#include <array>
#include <optional>

// Reads, incrementally, what perfdash's remote sampling script prints over one long-lived SSH channel
// (script()): a "##pd:os <uname -s>" line, then for every request line it was sent a block
//   ##pd:begin <request id>
//   ##pd:<section>          (stat, meminfo, gpu, temp on Linux; vmstat, ioreg on macOS)
//   …the command's output…
//   ##pd:end
// and, on macOS, `top -l 0 -s N -n 0` on stderr. Bytes may arrive split anywhere. Pure: no I/O.
class RemoteStreamParser
{
public:
    struct Result
    {
        quint64 requestId = 0;
        Sample sample; // timeMs left 0: the caller stamps it
    };

    // The shell script (POSIX sh) to run remotely, sampling every intervalMs on macOS' top (Linux
    // samples when asked). It contains no single quote, so it can be passed as sh -c '…'.
    static QByteArray script(int intervalMs);
    // The command line for an SSH exec channel.
    static QByteArray command(int intervalMs);

    void feedStdout(QByteArrayView bytes);
    void feedStderr(QByteArrayView bytes);
    // The blocks completed so far, oldest first; each taken once.
    QList<Result> takeResults();

    QString os() const { return m_os; } // "" until the script said
    // Bytes of a line still unterminated, over which the parser gives up (a remote gone mad).
    static constexpr qsizetype kMaxLine = 1 << 20;
    bool overflowed() const { return m_overflowed; }

    // The sections of a block perfdash reads; Other for a tag it does not know (its text is kept and
    // ignored).
    enum class Section { None, Stat, MemInfo, Gpu, Temp, VmStat, Ioreg, Other, Count };

private:
    void stdoutLine(QByteArrayView line);
    void stderrLine(QByteArrayView line);
    void finishBlock();

    QByteArray m_out;
    QByteArray m_err;
    QString m_os;
    bool m_inBlock = false;
    quint64 m_blockId = 0;
    struct SectionText
    {
        bool present = false;
        QByteArray text;
    };
    Section m_section = Section::None;
    std::array<SectionText, size_t(Section::Count)> m_sections; // of the block being read
    QByteArray m_scratch;
    std::optional<quint64> m_memsize; // macOS hw.memsize, printed once
    bool m_inMemsize = false;
    int m_topSamples = 0;
    std::optional<double> m_topBusy; // the latest top sample after the first (since boot)
    CpuUsage m_cpu;
    QList<Result> m_results;
    bool m_overflowed = false;
};

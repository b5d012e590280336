<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppSettings</name>
    <message>
        <source>Started batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server restarted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow response</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartCanvas</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartExporter</name>
    <message>
        <source>The size %1×%2 is not between 16 and 16384 pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling interval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after S seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One snapshot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marker label.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marker notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try &apos;perfdash --help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--log-dir needs a directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--interval must be a number of seconds from 0.1 to 60, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--duration, --single, --event and --notes belong to &apos;perfdash log&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--duration must be a positive number of seconds, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--single needs --event LABEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--event and --notes go with --single</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--single takes one snapshot: --duration does not apply</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As on screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalSource</name>
    <message>
        <source>This computer (/proc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no cpu line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no MemTotal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MachinePanel</name>
    <message>
        <source>CPU — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the first sample…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>perfdash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;marker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark this moment (M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the charts (Space); recording goes on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export chart…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About perfdash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About perfdash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;perfdash %1&lt;/b&gt;&lt;p&gt;Watches the machines doing a heavy job, marks what happens, and records it all to CSV.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Window: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Interval: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Markers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit marker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Recording to %1 — %n rows</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Not recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts paused (recording goes on) — </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkerDialog</name>
    <message>
        <source>Add marker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened, e.g. “Started Assignment 3”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes (optional). Shift+Enter for a new line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the marker a label or a note.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkerTableModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkersPanel</name>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit presets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-click markers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark now as “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset markers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One label per line:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>This computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session log cannot be written, so this session is not recorded:
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionLog</name>
    <message>
        <source>Cannot create the log directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot find a free log file name in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a perfdash log: its header has no timestamp column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot append to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeChart</name>
    <message>
        <source>Add marker here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as image…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>

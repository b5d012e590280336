<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppSettings</name>
    <message>
        <source>Started batch</source>
        <translation>开始批处理</translation>
    </message>
    <message>
        <source>Batch complete</source>
        <translation>批处理完成</translation>
    </message>
    <message>
        <source>Server restarted</source>
        <translation>服务器已重启</translation>
    </message>
    <message>
        <source>Model crashed</source>
        <translation>模型崩溃</translation>
    </message>
    <message>
        <source>Changed model</source>
        <translation>更换了模型</translation>
    </message>
    <message>
        <source>Slow response</source>
        <translation>响应缓慢</translation>
    </message>
</context>
<context>
    <name>ChartCanvas</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>ChartExporter</name>
    <message>
        <source>The size %1×%2 is not between 16 and 16384 pixels</source>
        <translation>尺寸 %1×%2 不在 16 到 16384 像素之间</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>显示版本。</translation>
    </message>
    <message>
        <source>Sampling interval.</source>
        <translation>采样间隔。</translation>
    </message>
    <message>
        <source>Stop after S seconds.</source>
        <translation>S 秒后停止。</translation>
    </message>
    <message>
        <source>Log directory.</source>
        <translation>日志目录。</translation>
    </message>
    <message>
        <source>One snapshot.</source>
        <translation>只采集一次快照。</translation>
    </message>
    <message>
        <source>Marker label.</source>
        <translation>标记标签。</translation>
    </message>
    <message>
        <source>Marker notes.</source>
        <translation>标记备注。</translation>
    </message>
    <message>
        <source>Try &apos;perfdash --help&apos;.</source>
        <translation>请尝试 'perfdash --help'。</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>意外的参数 '%1'</translation>
    </message>
    <message>
        <source>--log-dir needs a directory</source>
        <translation>--log-dir 需要指定一个目录</translation>
    </message>
    <message>
        <source>--interval must be a number of seconds from 0.1 to 60, not &apos;%1&apos;</source>
        <translation>--interval 必须是 0.1 到 60 之间的秒数，而不是 '%1'</translation>
    </message>
    <message>
        <source>--duration, --single, --event and --notes belong to &apos;perfdash log&apos;</source>
        <translation>--duration、--single、--event 和 --notes 仅用于 'perfdash log'</translation>
    </message>
    <message>
        <source>--duration must be a positive number of seconds, not &apos;%1&apos;</source>
        <translation>--duration 必须是正的秒数，而不是 '%1'</translation>
    </message>
    <message>
        <source>--single needs --event LABEL</source>
        <translation>--single 需要 --event LABEL</translation>
    </message>
    <message>
        <source>--event and --notes go with --single</source>
        <translation>--event 和 --notes 须与 --single 一起使用</translation>
    </message>
    <message>
        <source>--single takes one snapshot: --duration does not apply</source>
        <translation>--single 只采集一次快照：--duration 不适用</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>As on screen</source>
        <translation>与屏幕显示相同</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Chart:</source>
        <translation>图表：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 图形 (*.svg)</translation>
    </message>
</context>
<context>
    <name>LocalSource</name>
    <message>
        <source>This computer (/proc)</source>
        <translation>本机 (/proc)</translation>
    </message>
    <message>
        <source>%1: no cpu line</source>
        <translation>%1：缺少 cpu 行</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1: no MemTotal</source>
        <translation>%1：缺少 MemTotal</translation>
    </message>
</context>
<context>
    <name>MachinePanel</name>
    <message>
        <source>CPU — %1</source>
        <translation>CPU — %1</translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory — %1</source>
        <translation>内存 — %1</translation>
    </message>
    <message>
        <source>Memory %</source>
        <translation>内存 %</translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation>已用内存</translation>
    </message>
    <message>
        <source>Waiting for the first sample…</source>
        <translation>正在等待第一个采样…</translation>
    </message>
    <message>
        <source>CPU %1</source>
        <translation>CPU %1</translation>
    </message>
    <message>
        <source>Memory %1</source>
        <translation>内存 %1</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>时间 %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>perfdash</source>
        <translation>perfdash</translation>
    </message>
    <message>
        <source>Markers</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Add &amp;marker</source>
        <translation>添加标记(&amp;M)</translation>
    </message>
    <message>
        <source>Mark this moment (M)</source>
        <translation>标记此刻 (M)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Freeze the charts (Space); recording goes on</source>
        <translation>冻结图表（空格键），记录继续进行</translation>
    </message>
    <message>
        <source>&amp;Export chart…</source>
        <translation>导出图表(&amp;E)…</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About perfdash</source>
        <translation>关于 perfdash(&amp;A)</translation>
    </message>
    <message>
        <source>About perfdash</source>
        <translation>关于 perfdash</translation>
    </message>
    <message>
        <source>&lt;b&gt;perfdash %1&lt;/b&gt;&lt;p&gt;Watches the machines doing a heavy job, marks what happens, and records it all to CSV.&lt;/p&gt;</source>
        <translation>&lt;b&gt;perfdash %1&lt;/b&gt;&lt;p&gt;监视执行繁重任务的机器，标记所发生的事件，并将全部数据记录到 CSV。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source> Window: </source>
        <translation> 时间窗口： </translation>
    </message>
    <message>
        <source>  Interval: </source>
        <translation>  间隔： </translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Markers</source>
        <translation>标记(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Edit marker</source>
        <translation>编辑标记</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <source>Recording to %1 — %n rows</source>
        <translation>
            <numerusform>正在记录到 %1 — %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Not recording</source>
        <translation>未在记录</translation>
    </message>
    <message>
        <source>Charts paused (recording goes on) — </source>
        <translation>图表已暂停（记录继续进行）— </translation>
    </message>
</context>
<context>
    <name>MarkerDialog</name>
    <message>
        <source>Add marker</source>
        <translation>添加标记</translation>
    </message>
    <message>
        <source>What happened, e.g. “Started Assignment 3”</source>
        <translation>发生了什么，例如“开始作业 3”</translation>
    </message>
    <message>
        <source>Notes (optional). Shift+Enter for a new line.</source>
        <translation>备注（可选）。按 Shift+Enter 换行。</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Give the marker a label or a note.</source>
        <translation>请为标记填写标签或备注。</translation>
    </message>
</context>
<context>
    <name>MarkerTableModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>MarkersPanel</name>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit presets…</source>
        <translation>编辑预设…</translation>
    </message>
    <message>
        <source>One-click markers:</source>
        <translation>一键标记：</translation>
    </message>
    <message>
        <source>Mark now as “%1”</source>
        <translation>立即标记为“%1”</translation>
    </message>
    <message>
        <source>Preset markers</source>
        <translation>预设标记</translation>
    </message>
    <message>
        <source>One label per line:</source>
        <translation>每行一个标签：</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Not recording</source>
        <translation>未在记录</translation>
    </message>
    <message>
        <source>The session log cannot be written, so this session is not recorded:
%1</source>
        <translation>无法写入会话日志，因此本次会话不会被记录：
%1</translation>
    </message>
</context>
<context>
    <name>SessionLog</name>
    <message>
        <source>Cannot create the log directory %1</source>
        <translation>无法创建日志目录 %1</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>Cannot find a free log file name in %1</source>
        <translation>在 %1 中找不到可用的日志文件名</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a perfdash log: its header has no timestamp column</source>
        <translation>%1 不是 perfdash 日志：其表头中没有时间戳列</translation>
    </message>
    <message>
        <source>Cannot append to %1: %2</source>
        <translation>无法追加到 %1：%2</translation>
    </message>
    <message>
        <source>The log is not open</source>
        <translation>日志未打开</translation>
    </message>
    <message>
        <source>Cannot write to %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>TimeChart</name>
    <message>
        <source>Add marker here…</source>
        <translation>在此处添加标记…</translation>
    </message>
    <message>
        <source>Export as image…</source>
        <translation>导出为图像…</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>n/a</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>up</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>down</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 tok/s</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
</context>
</TS>

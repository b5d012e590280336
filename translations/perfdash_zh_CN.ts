<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Analysis</name>
    <message>
        <source>the log has no snapshots, so no run %1</source>
        <translation>日志中没有快照，因此没有运行段 %1</translation>
    </message>
    <message>
        <source>the log has one run; there is no run %1</source>
        <translation>日志只有一个运行段；没有运行段 %1</translation>
    </message>
    <message>
        <source>the log has %1 runs; there is no run %2</source>
        <translation>日志有 %1 个运行段；没有运行段 %2</translation>
    </message>
    <message>
        <source>High CPU</source>
        <translation>CPU 过高</translation>
    </message>
    <message>
        <source>Server down</source>
        <translation>服务器离线</translation>
    </message>
    <message>
        <source>Low performance</source>
        <translation>性能偏低</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>AnalysisCharts</name>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>tokens/s</translation>
    </message>
    <message>
        <source> requests</source>
        <translation> 请求</translation>
    </message>
    <message>
        <source>requests in flight</source>
        <translation>处理中的请求</translation>
    </message>
    <message>
        <source>On screen (%1×%2)</source>
        <translation>与屏幕显示相同 (%1×%2)</translation>
    </message>
    <message>
        <source>Export a chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Picture size:</source>
        <translation>图片尺寸：</translation>
    </message>
    <message>
        <source>PNG (*.png);;SVG (*.svg)</source>
        <translation>PNG (*.png);;SVG (*.svg)</translation>
    </message>
</context>
<context>
    <name>AnalysisPage</name>
    <message>
        <source>Open log…</source>
        <translation>打开日志…</translation>
    </message>
    <message>
        <source>No log open. Open one, or drop a CSV log here.</source>
        <translation>未打开日志。请打开一个日志，或将 CSV 日志拖放到此处。</translation>
    </message>
    <message>
        <source>The log is cut into runs where the logger stopped; analyse one run or the whole file</source>
        <translation>日志在记录器停止处被分成若干运行段；可分析单个运行段或整个文件</translation>
    </message>
    <message>
        <source>The charts of all machines together, or of one</source>
        <translation>显示所有机器的合并图表，或单台机器的图表</translation>
    </message>
    <message>
        <source>All machines</source>
        <translation>所有机器</translation>
    </message>
    <message>
        <source> % CPU</source>
        <translation> % CPU</translation>
    </message>
    <message>
        <source>High CPU: above this</source>
        <translation>CPU 过高：高于此值</translation>
    </message>
    <message>
        <source> tok/s</source>
        <translation> tok/s</translation>
    </message>
    <message>
        <source>Low performance: below this many tokens/s while busy</source>
        <translation>性能偏低：忙碌时低于此 tokens/s 值</translation>
    </message>
    <message>
        <source> × interval</source>
        <translation> × 间隔</translation>
    </message>
    <message>
        <source>No data (and a new run): samples further apart than this times the median interval</source>
        <translation>无数据（并开始新的运行段）：采样间距超过中位间隔的此倍数</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>The summary, the tables and the charts as one HTML file or a PDF</source>
        <translation>将摘要、表格和图表导出为一个 HTML 文件或 PDF</translation>
    </message>
    <message>
        <source>Export a report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>HTML with the charts (*.html);;PDF (*.pdf)</source>
        <translation>含图表的 HTML (*.html);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Scroll through the run; the mouse wheel over a chart zooms</source>
        <translation>在运行段中滚动浏览；在图表上滚动鼠标滚轮可缩放</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Summary and statistics</source>
        <translation>摘要与统计</translation>
    </message>
    <message>
        <source>Reader warnings</source>
        <translation>读取警告</translation>
    </message>
    <message>
        <source>Open a session log</source>
        <translation>打开会话日志</translation>
    </message>
    <message>
        <source>Session logs (*.csv);;All files (*)</source>
        <translation>会话日志 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Loading was cancelled.</source>
        <translation>加载已取消。</translation>
    </message>
    <message>
        <source>Latest run</source>
        <translation>最新运行段</translation>
    </message>
    <message>
        <source>Whole file</source>
        <translation>整个文件</translation>
    </message>
    <message>
        <source>Run %1: %2, %3</source>
        <translation>运行段 %1：%2，%3</translation>
    </message>
    <message>
        <source>Start %1 · End %2 · Duration %3 · %4 snapshots · %5 markers · %6 issues · %7 reader warnings</source>
        <translation>开始 %1 · 结束 %2 · 时长 %3 · %4 个快照 · %5 个标记 · %6 个问题 · %7 条读取警告</translation>
    </message>
    <message>
        <source>Export the analysis</source>
        <translation>导出分析结果</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write the report %1: %2</source>
        <translation>无法写入报告 %1：%2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Marker</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Markers</source>
        <translation>标记</translation>
    </message>
</context>
<context>
    <name>AnalysisReport</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>Log: %1
</source>
        <translation>日志：%1
</translation>
    </message>
    <message>
        <source>Run %1 of %2%3
</source>
        <translation>运行段 %1/%2%3
</translation>
    </message>
    <message>
        <source> (the latest)</source>
        <translation> (最新)</translation>
    </message>
    <message>
        <source>The whole file (%1 runs)
</source>
        <translation>整个文件（%1 个运行段）
</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>Markers</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Rows in the file</source>
        <translation>文件行数</translation>
    </message>
    <message>
        <source>Machines
</source>
        <translation>机器
</translation>
    </message>
    <message>
        <source>  (none)
</source>
        <translation>  （无）
</translation>
    </message>
    <message>
        <source>machine</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>采样数</translation>
    </message>
    <message>
        <source>CPU avg</source>
        <translation>CPU 平均</translation>
    </message>
    <message>
        <source>CPU max</source>
        <translation>CPU 最高</translation>
    </message>
    <message>
        <source>CPU min</source>
        <translation>CPU 最低</translation>
    </message>
    <message>
        <source>mem avg</source>
        <translation>内存平均</translation>
    </message>
    <message>
        <source>mem max</source>
        <translation>内存最高</translation>
    </message>
    <message>
        <source>tok/s avg</source>
        <translation>tok/s 平均</translation>
    </message>
    <message>
        <source>tok/s max</source>
        <translation>tok/s 最高</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>uptime %</source>
        <translation>在线率 %</translation>
    </message>
    <message>
        <source>Issues: %1 (CPU &gt; %2 %, tokens/s &lt; %3, gap &gt; %4 x the median interval)
</source>
        <translation>问题：%1（CPU &gt; %2 %，tokens/s &lt; %3，间隔 &gt; 中位间隔的 %4 倍）
</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>end</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>peak</source>
        <translation>峰值</translation>
    </message>
    <message>
        <source>marker</source>
        <translation>标记</translation>
    </message>
    <message>
        <source> (line %1)</source>
        <translation> (第 %1 行)</translation>
    </message>
    <message>
        <source>Markers
</source>
        <translation>标记
</translation>
    </message>
    <message>
        <source>The reader had no warnings.
</source>
        <translation>读取时没有警告。
</translation>
    </message>
    <message>
        <source>The reader had %1 warning(s); --json lists them. The first: %2
</source>
        <translation>读取时有 %1 条警告；--json 会列出全部。第一条：%2
</translation>
    </message>
    <message numerus="yes">
        <source>%n damaged record(s) skipped (lines %1); every intact row is read</source>
        <translation>
            <numerusform>跳过了 %n 条损坏的记录（第 %1 行）；所有完好的行均已读取</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnalysisReport::Clock</name>
    <message>
        <source>Times as written in the log (it has no UTC offsets)
</source>
        <translation>时间按日志中的原样显示（日志不含 UTC 偏移）
</translation>
    </message>
    <message>
        <source>Times on the log&apos;s clock, UTC%1%2:%3
</source>
        <translation>时间采用日志的时钟，UTC%1%2:%3
</translation>
    </message>
</context>
<context>
    <name>AnalysisReportWriter</name>
    <message>
        <source>perfdash analysis</source>
        <translation>perfdash 分析</translation>
    </message>
    <message>
        <source>Analysis of %1</source>
        <translation>%1 的分析</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>Issues (%1)</source>
        <translation>问题 (%1)</translation>
    </message>
    <message>
        <source>the PDF could not be written to %1</source>
        <translation>无法将 PDF 写入 %1</translation>
    </message>
    <message>
        <source>Markers (%1)</source>
        <translation>标记 (%1)</translation>
    </message>
    <message>
        <source>perfdash analysis of %1</source>
        <translation>perfdash 对 %1 的分析</translation>
    </message>
</context>
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
    <message numerus="yes">
        <source>%n markers</source>
        <translation>
            <numerusform>%n 个标记</numerusform>
        </translation>
    </message>
    <message>
        <source>right: %1</source>
        <translation>右轴：%1</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (zoom in to see them)</source>
        <translation>
            <numerusform>……还有 %n 个（放大以查看）</numerusform>
        </translation>
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
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 – %2 (%3)</source>
        <translation>%1 – %2 (%3)</translation>
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
        <translation>请尝试 &apos;perfdash --help&apos;。</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>意外的参数 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--log-dir needs a directory</source>
        <translation>--log-dir 需要指定一个目录</translation>
    </message>
    <message>
        <source>--interval must be a number of seconds from 0.1 to 60, not &apos;%1&apos;</source>
        <translation>--interval 必须是 0.1 到 60 之间的秒数，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--duration, --single, --event and --notes belong to &apos;perfdash log&apos;</source>
        <translation>--duration、--single、--event 和 --notes 仅用于 &apos;perfdash log&apos;</translation>
    </message>
    <message>
        <source>--duration must be a positive number of seconds, not &apos;%1&apos;</source>
        <translation>--duration 必须是正的秒数，而不是 &apos;%1&apos;</translation>
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
    <message>
        <source>Machines file.</source>
        <translation>机器列表文件。</translation>
    </message>
    <message>
        <source>Do not watch this computer.</source>
        <translation>不监视本机。</translation>
    </message>
    <message>
        <source>--machines needs a file</source>
        <translation>--machines 需要指定一个文件</translation>
    </message>
    <message>
        <source>--single takes a snapshot of this computer: --machines and --no-local do not apply</source>
        <translation>--single 只采集本机的快照：--machines 和 --no-local 不适用</translation>
    </message>
    <message>
        <source>Marked machine.</source>
        <translation>要标记的机器。</translation>
    </message>
    <message>
        <source>HTTP API address.</source>
        <translation>HTTP API 地址。</translation>
    </message>
    <message>
        <source>HTTP API token.</source>
        <translation>HTTP API 令牌。</translation>
    </message>
    <message>
        <source>JSON output.</source>
        <translation>JSON 输出。</translation>
    </message>
    <message>
        <source>CPU threshold.</source>
        <translation>CPU 阈值。</translation>
    </message>
    <message>
        <source>Tokens/s threshold.</source>
        <translation>Tokens/s 阈值。</translation>
    </message>
    <message>
        <source>Run.</source>
        <translation>运行段。</translation>
    </message>
    <message>
        <source>--json, --cpu-threshold, --low-tps and --run belong to &apos;perfdash analyze&apos;</source>
        <translation>--json、--cpu-threshold、--low-tps 和 --run 仅用于 &apos;perfdash analyze&apos;</translation>
    </message>
    <message>
        <source>--json needs a file</source>
        <translation>--json 需要指定一个文件</translation>
    </message>
    <message>
        <source>--cpu-threshold must be a percent from 0 to 100, not &apos;%1&apos;</source>
        <translation>--cpu-threshold 必须是 0 到 100 之间的百分比，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--low-tps must be a number of tokens per second, 0 or more, not &apos;%1&apos;</source>
        <translation>--low-tps 必须是不小于 0 的每秒 token 数，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--run must be latest, all or a run number from 1, not &apos;%1&apos;</source>
        <translation>--run 必须是 latest、all 或从 1 开始的运行段编号，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;perfdash mark&apos; needs a LABEL</source>
        <translation>&apos;perfdash mark&apos; 需要 LABEL</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos; (quote a label of several words)</source>
        <translation>意外的参数 &apos;%1&apos;（由多个词组成的标签请加引号）</translation>
    </message>
    <message>
        <source>--%1 does not apply to &apos;perfdash mark&apos;</source>
        <translation>--%1 不适用于 &apos;perfdash mark&apos;</translation>
    </message>
    <message>
        <source>--machine belongs to &apos;perfdash mark&apos;</source>
        <translation>--machine 仅用于 &apos;perfdash mark&apos;</translation>
    </message>
    <message>
        <source>--http-token goes with --http</source>
        <translation>--http-token 须与 --http 一起使用</translation>
    </message>
    <message>
        <source>--single takes one snapshot: --http does not apply</source>
        <translation>--single 只采集一次快照：--http 不适用</translation>
    </message>
    <message>
        <source>Trust and record unknown SSH host keys.</source>
        <translation>信任并记录未知的 SSH 主机密钥。</translation>
    </message>
    <message>
        <source>Functions printed.</source>
        <translation>列出的函数个数。</translation>
    </message>
    <message>
        <source>Prometheus server.</source>
        <translation>Prometheus 服务器。</translation>
    </message>
    <message>
        <source>Prometheus selector.</source>
        <translation>Prometheus 选择器。</translation>
    </message>
    <message>
        <source>Start of the range.</source>
        <translation>范围的起点。</translation>
    </message>
    <message>
        <source>End of the range.</source>
        <translation>范围的终点。</translation>
    </message>
    <message>
        <source>Step of the range.</source>
        <translation>范围的步长。</translation>
    </message>
    <message>
        <source>--top belongs to &apos;perfdash timings&apos;</source>
        <translation>--top 只能用于 &apos;perfdash timings&apos;</translation>
    </message>
    <message>
        <source>&apos;perfdash analyze&apos; takes FILE|DIR, --json, --cpu-threshold, --low-tps, --run and --log-dir, or --prometheus URL with --from, --to, --selector and --step</source>
        <translation>&apos;perfdash analyze&apos; 接受 FILE|DIR、--json、--cpu-threshold、--low-tps、--run 和 --log-dir，或者 --prometheus URL 搭配 --from、--to、--selector 和 --step</translation>
    </message>
    <message>
        <source>--from, --to, --step and --selector go with --prometheus URL</source>
        <translation>--from、--to、--step 和 --selector 需与 --prometheus URL 一起使用</translation>
    </message>
    <message>
        <source>--prometheus reads a server, not a log: unexpected argument &apos;%1&apos;</source>
        <translation>--prometheus 读取的是服务器而不是日志：意外的参数 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--prometheus needs --from T (ISO 8601, or relative such as -1h)</source>
        <translation>--prometheus 需要 --from T（ISO 8601，或相对时间，如 -1h）</translation>
    </message>
    <message>
        <source>--step must be a number of seconds, not &apos;%1&apos;</source>
        <translation>--step 必须是秒数，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--%1 belongs to &apos;perfdash analyze --prometheus&apos;</source>
        <translation>--%1 只能用于 &apos;perfdash analyze --prometheus&apos;</translation>
    </message>
    <message>
        <source>--prometheus-selector goes with --prometheus URL</source>
        <translation>--prometheus-selector 需与 --prometheus URL 一起使用</translation>
    </message>
</context>
<context>
    <name>CompareCharts</name>
    <message>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <source>Overlaid from a common start</source>
        <translation>从共同起点叠加</translation>
    </message>
    <message>
        <source>time from the start</source>
        <translation>距开始的时间</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <source>Add logs…</source>
        <translation>添加日志…</translation>
    </message>
    <message>
        <source>Each machine of each log (its latest run) is compared</source>
        <translation>比较每个日志中的每台机器（取其最新运行段）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Overlay:</source>
        <translation>叠加：</translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>Memory %</source>
        <translation>内存 %</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>Tokens/s</translation>
    </message>
    <message>
        <source>CPU avg %</source>
        <translation>CPU 平均 %</translation>
    </message>
    <message>
        <source>CPU max %</source>
        <translation>CPU 最高 %</translation>
    </message>
    <message>
        <source>Memory max %</source>
        <translation>内存最高 %</translation>
    </message>
    <message>
        <source>Tokens/s avg</source>
        <translation>Tokens/s 平均</translation>
    </message>
    <message>
        <source>Server uptime %</source>
        <translation>服务器在线率 %</translation>
    </message>
    <message>
        <source>Logs to compare</source>
        <translation>要比较的日志</translation>
    </message>
    <message>
        <source>Session logs (*.csv);;All files (*)</source>
        <translation>会话日志 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add two logs or more (Add logs…) to compare them: each machine of each log, its latest run, side by side in bars and overlaid from a common start.</source>
        <translation>添加两个或更多日志（添加日志…）进行对比：每个日志中每台机器的最近一次运行，以柱状图并排显示，并从共同起点叠加显示。</translation>
    </message>
</context>
<context>
    <name>ComparisonChart</name>
    <message>
        <source>CPU — all machines</source>
        <translation>CPU — 所有机器</translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
</context>
<context>
    <name>ConfigJson</name>
    <message>
        <source>&quot;prometheus&quot; must be an array of servers, not %1.</source>
        <translation>“prometheus” 必须是服务器数组，而不是%1。</translation>
    </message>
    <message>
        <source>prometheus server %1</source>
        <translation>Prometheus 服务器 %1</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be a string, not %3.</source>
        <translation>%1：“%2”必须是字符串，而不是%3。</translation>
    </message>
    <message>
        <source>%1: unknown field &quot;%2&quot; is ignored.</source>
        <translation>%1：未知字段“%2”已忽略。</translation>
    </message>
    <message>
        <source>%1: needs an &quot;url&quot; (http:// or https:// with a host) and valid fields.</source>
        <translation>%1：需要一个“url”（带主机名的 http:// 或 https://）以及有效的字段。</translation>
    </message>
</context>
<context>
    <name>ConnectionPrompt</name>
    <message>
        <source>Key passphrase</source>
        <translation>密钥密码短语</translation>
    </message>
    <message>
        <source>The passphrase of %1, to log in to %2 (kept in memory only, never stored):</source>
        <translation>%1 的密码短语，用于登录 %2（仅保留在内存中，从不保存）：</translation>
    </message>
    <message>
        <source>Unknown host key</source>
        <translation>未知的主机密钥</translation>
    </message>
    <message>
        <source>&lt;p&gt;perfdash has never connected to &lt;b&gt;%1&lt;/b&gt; (%2) before.&lt;/p&gt;&lt;p&gt;Its %3 key fingerprint is:&lt;br&gt;&lt;tt&gt;%4&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Trust it only if this is the fingerprint of that machine (on it, run &lt;tt&gt;ssh-keygen -lf /etc/ssh/ssh_host_%5_key.pub&lt;/tt&gt;). Trusting adds it to %6.&lt;/p&gt;</source>
        <translation>&lt;p&gt;perfdash 以前从未连接过 &lt;b&gt;%1&lt;/b&gt;（%2）。&lt;/p&gt;&lt;p&gt;其 %3 密钥指纹为：&lt;br&gt;&lt;tt&gt;%4&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;仅当这确实是该机器的指纹时才信任它（可在该机器上运行 &lt;tt&gt;ssh-keygen -lf /etc/ssh/ssh_host_%5_key.pub&lt;/tt&gt; 查看）。信任后会将其添加到 %6。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Trust and connect</source>
        <translation>信任并连接</translation>
    </message>
    <message>
        <source>Do not connect</source>
        <translation>不连接</translation>
    </message>
</context>
<context>
    <name>ConnectionState</name>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>reconnecting in %1 s</source>
        <translation>%1 秒后重新连接</translation>
    </message>
    <message>
        <source>reconnecting in %1 s (%2)</source>
        <translation>%1 秒后重新连接（%2）</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>waiting for you to trust the host key %1</source>
        <translation>等待你信任主机密钥 %1</translation>
    </message>
    <message>
        <source>waiting for the passphrase of %1</source>
        <translation>等待 %1 的密码短语</translation>
    </message>
</context>
<context>
    <name>ControlClient</name>
    <message>
        <source>cannot reach the running perfdash: %1</source>
        <translation>无法连接正在运行的 perfdash：%1</translation>
    </message>
    <message>
        <source>the running perfdash did not answer within %1 ms</source>
        <translation>正在运行的 perfdash 在 %1 毫秒内无响应</translation>
    </message>
    <message>
        <source>the running perfdash closed the connection: %1</source>
        <translation>正在运行的 perfdash 关闭了连接：%1</translation>
    </message>
    <message>
        <source>the running perfdash answered garbage</source>
        <translation>正在运行的 perfdash 返回了无法识别的响应</translation>
    </message>
</context>
<context>
    <name>ControlProtocol</name>
    <message>
        <source>unknown field &apos;%1&apos; (a marker has label, notes and machine)</source>
        <translation>未知字段 &apos;%1&apos;（标记包含 label、notes 和 machine）</translation>
    </message>
    <message>
        <source>a marker needs a non-empty &quot;label&quot; string</source>
        <translation>标记需要非空的 &quot;label&quot; 字符串</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string</source>
        <translation>&quot;%1&quot; 必须是字符串</translation>
    </message>
    <message>
        <source>no machine &apos;%1&apos; in this session (machines: %2)</source>
        <translation>本次会话中没有机器 &apos;%1&apos;（机器：%2）</translation>
    </message>
</context>
<context>
    <name>ControlServer</name>
    <message>
        <source>another perfdash (pid %1) is already running for %2</source>
        <translation>另一个 perfdash（pid %1）已在为 %2 运行</translation>
    </message>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation>无法在 %1 上监听：%2</translation>
    </message>
    <message>
        <source>not a JSON object: %1</source>
        <translation>不是 JSON 对象：%1</translation>
    </message>
    <message>
        <source>request too long</source>
        <translation>请求过长</translation>
    </message>
    <message>
        <source>&apos;perfdash log&apos; (pid %1) is recording to this log directory without a window</source>
        <translation>&apos;perfdash log&apos;（pid %1）正在无窗口地记录到此日志目录</translation>
    </message>
    <message>
        <source>unknown request &apos;%1&apos;</source>
        <translation>未知请求 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>cannot create the lock file %1 (is the disk full, or the folder not writable?)</source>
        <translation>无法创建锁文件 %1（磁盘已满，或文件夹不可写？）</translation>
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
    <message>
        <source>There is no chart to export.</source>
        <translation>没有可导出的图表。</translation>
    </message>
    <message>
        <source>Choose a file to write.</source>
        <translation>请选择要写入的文件。</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
</context>
<context>
    <name>FileLock</name>
    <message>
        <source>the file is not open</source>
        <translation>文件未打开</translation>
    </message>
    <message>
        <source>locked by another program for more than %1 ms</source>
        <translation>被另一个程序锁定超过 %1 毫秒</translation>
    </message>
</context>
<context>
    <name>FleetQuery</name>
    <message>
        <source>the selector must be label matchers such as job=&quot;node&quot; or {env=~&quot;lab.*&quot;}, not &apos;%1&apos;</source>
        <translation>选择器必须是标签匹配器，例如 job=&quot;node&quot; 或 {env=~&quot;lab.*&quot;}，而不是 &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>FleetTableModel</name>
    <message>
        <source>up</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>loading</source>
        <translation>加载中</translation>
    </message>
    <message>
        <source>down</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>Memory %</source>
        <translation>内存 %</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>Tokens/s</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
</context>
<context>
    <name>FleetView</name>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>Memory %</source>
        <translation>内存 %</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>Tokens/s</translation>
    </message>
    <message>
        <source>Filter machines</source>
        <translation>筛选机器</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>前</translation>
    </message>
    <message>
        <source>by</source>
        <translation>名，按</translation>
    </message>
    <message>
        <source>%1 machines, %2 connected</source>
        <translation>%1 台机器，%2 台已连接</translation>
    </message>
    <message>
        <source>Top %1 by %2</source>
        <translation>按 %2 排名前 %1</translation>
    </message>
</context>
<context>
    <name>HeadlessLogger</name>
    <message numerus="yes">
        <source>perfdash: Prometheus %1: %n machine(s) %2</source>
        <translation>
            <numerusform>perfdash: Prometheus %1：%n 台机器 %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Click on a chart</source>
        <translation>点击图表</translation>
    </message>
    <message>
        <source>Add a marker at that moment</source>
        <translation>在该时刻添加标记</translation>
    </message>
    <message>
        <source>Save the marker (in the marker dialog)</source>
        <translation>保存标记（在标记对话框中）</translation>
    </message>
    <message>
        <source>A new line in the notes</source>
        <translation>在备注中换行</translation>
    </message>
    <message>
        <source>Cancel a dialog</source>
        <translation>取消对话框</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>perfdash help</source>
        <translation>perfdash 帮助</translation>
    </message>
</context>
<context>
    <name>HttpApi</name>
    <message>
        <source>Cannot serve the HTTP API on %1: %2</source>
        <translation>无法在 %1 上提供 HTTP API：%2</translation>
    </message>
    <message>
        <source>no such path: %1</source>
        <translation>路径不存在：%1</translation>
    </message>
    <message>
        <source>missing or wrong token (Authorization: Bearer TOKEN)</source>
        <translation>令牌缺失或错误（Authorization: Bearer TOKEN）</translation>
    </message>
    <message>
        <source>%1 takes %2</source>
        <translation>%1 仅接受 %2</translation>
    </message>
    <message>
        <source>the body is not JSON: %1</source>
        <translation>请求正文不是 JSON：%1</translation>
    </message>
    <message>
        <source>the body must be a JSON object</source>
        <translation>请求正文必须是 JSON 对象</translation>
    </message>
    <message>
        <source>%1 must be ms or seconds since the epoch, or ISO 8601, not &apos;%2&apos;</source>
        <translation>%1 必须是自纪元起的毫秒数或秒数，或 ISO 8601，而不是 &apos;%2&apos;</translation>
    </message>
</context>
<context>
    <name>HttpApiDialog</name>
    <message>
        <source>HTTP API</source>
        <translation>HTTP API</translation>
    </message>
    <message>
        <source>Serve the &amp;HTTP API (health, summary, export, markers, Prometheus /metrics)</source>
        <translation>提供 HTTP API(&amp;H)（health、summary、export、markers、Prometheus /metrics）</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>none on loopback; generated on other addresses</source>
        <translation>回环地址上无需令牌；其他地址上自动生成</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>On loopback (127.0.0.1, ::1) only programs on this computer can connect. Any other address needs the token, sent as &quot;Authorization: Bearer TOKEN&quot;.</source>
        <translation>在回环地址（127.0.0.1、::1）上，只有本机上的程序可以连接。其他任何地址都需要令牌，以 &quot;Authorization: Bearer TOKEN&quot; 的形式发送。</translation>
    </message>
</context>
<context>
    <name>HttpBind</name>
    <message>
        <source>the HTTP API wants ADDRESS:PORT with an IP address, e.g. 127.0.0.1:8765, not &apos;%1&apos;</source>
        <translation>HTTP API 需要使用 IP 地址的 ADDRESS:PORT，例如 127.0.0.1:8765，而不是 &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>HttpFetcher</name>
    <message>
        <source>no answer within %1 s</source>
        <translation>%1 秒内无响应</translation>
    </message>
    <message>
        <source>the answer is larger than %1 MiB</source>
        <translation>响应大于 %1 MiB</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>not an HTTP answer: “%1”</source>
        <translation>不是 HTTP 响应：“%1”</translation>
    </message>
    <message>
        <source>not an HTTP answer: no end of headers in %1 KiB</source>
        <translation>不是 HTTP 响应：%1 KiB 内未找到响应头结尾</translation>
    </message>
    <message>
        <source>a broken chunked answer</source>
        <translation>分块响应已损坏</translation>
    </message>
    <message>
        <source>the connection closed before the answer was complete</source>
        <translation>响应尚未完整，连接即已关闭</translation>
    </message>
    <message numerus="yes">
        <source>more than %n redirect(s)</source>
        <translation>
            <numerusform>重定向超过 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>redirected to an address that is not http:// or https://: “%1”</source>
        <translation>重定向到的地址不是 http:// 或 https://：“%1”</translation>
    </message>
</context>
<context>
    <name>HttpListener</name>
    <message>
        <source>the request did not arrive whole within %1 s</source>
        <translation>请求在 %1 秒内未完整到达</translation>
    </message>
    <message>
        <source>too many connections; try again</source>
        <translation>连接过多；请稍后再试</translation>
    </message>
</context>
<context>
    <name>HttpRequestParser</name>
    <message>
        <source>the request line and headers are longer than %1 bytes</source>
        <translation>请求行和请求头超过 %1 字节</translation>
    </message>
    <message>
        <source>the request has no request line</source>
        <translation>请求没有请求行</translation>
    </message>
    <message>
        <source>malformed request line (expected e.g. &quot;GET /health HTTP/1.1&quot;)</source>
        <translation>请求行格式错误（应为例如 &quot;GET /health HTTP/1.1&quot;）</translation>
    </message>
    <message>
        <source>only HTTP/1.0 and HTTP/1.1 are served</source>
        <translation>只支持 HTTP/1.0 和 HTTP/1.1</translation>
    </message>
    <message>
        <source>malformed header line %1</source>
        <translation>第 %1 行请求头格式错误</translation>
    </message>
    <message>
        <source>send the body with a Content-Length (chunked bodies are not accepted)</source>
        <translation>请求体须带 Content-Length 发送（不接受分块传输）</translation>
    </message>
    <message>
        <source>conflicting Content-Length headers</source>
        <translation>Content-Length 请求头相互矛盾</translation>
    </message>
    <message>
        <source>malformed Content-Length</source>
        <translation>Content-Length 格式错误</translation>
    </message>
    <message>
        <source>the body is larger than %1 bytes</source>
        <translation>请求体超过 %1 字节</translation>
    </message>
</context>
<context>
    <name>HttpServerSource</name>
    <message>
        <source>an empty body</source>
        <translation>空的响应正文</translation>
    </message>
    <message>
        <source>Model server %1</source>
        <translation>模型服务器 %1</translation>
    </message>
    <message>
        <source>loading the model</source>
        <translation>正在加载模型</translation>
    </message>
    <message>
        <source>HTTP %1 from %2: %3</source>
        <translation>%2 返回 HTTP %1：%3</translation>
    </message>
    <message>
        <source>%1 answered, but not with Prometheus metrics: %2</source>
        <translation>%1 有响应，但返回的不是 Prometheus 指标：%2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>%1, %2 (health only: no metrics)</source>
        <translation>%1，%2（仅健康检查：无指标）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Prometheus metrics of no known model server</source>
        <translation>Prometheus 指标不属于任何已知的模型服务器</translation>
    </message>
    <message>
        <source>%1, %2; %1 reported %3; not recorded</source>
        <translation>%1，%2；%1 报告 %3；未记录</translation>
    </message>
</context>
<context>
    <name>IdRegister</name>
    <message>
        <source>%1: the id &quot;%2&quot; is already used by machine %3.</source>
        <translation>%1：ID &quot;%2&quot; 已被机器 %3 使用。</translation>
    </message>
</context>
<context>
    <name>IssueTableModel</name>
    <message>
        <source>Machine</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>峰值</translation>
    </message>
    <message>
        <source>Nearest marker</source>
        <translation>最近的标记</translation>
    </message>
</context>
<context>
    <name>JsonLinesParser</name>
    <message>
        <source>bytes that are not UTF-8 (replaced by U+FFFD)</source>
        <translation>含非 UTF-8 字节（已替换为 U+FFFD）</translation>
    </message>
    <message>
        <source>execution_time is not a finite number of seconds &gt;= 0: call skipped</source>
        <translation>execution_time 不是 &gt;= 0 的有限秒数：已跳过该调用</translation>
    </message>
    <message>
        <source>no execution_time: call skipped</source>
        <translation>没有 execution_time：已跳过该调用</translation>
    </message>
    <message>
        <source>no usable timestamp or start_time: call skipped</source>
        <translation>没有可用的 timestamp 或 start_time：已跳过该调用</translation>
    </message>
</context>
<context>
    <name>KnownHostsFile</name>
    <message>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
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
    <name>LogCell</name>
    <message>
        <source>ISO 8601 with UTC offset</source>
        <translation>带 UTC 偏移的 ISO 8601</translation>
    </message>
    <message>
        <source>date and time without offset</source>
        <translation>不带偏移的日期和时间</translation>
    </message>
    <message>
        <source>Unix epoch seconds</source>
        <translation>Unix 纪元秒数</translation>
    </message>
</context>
<context>
    <name>LogChart</name>
    <message>
        <source>Export as image…</source>
        <translation>导出为图像…</translation>
    </message>
</context>
<context>
    <name>LogFolderModel</name>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>session</source>
        <translation>会话</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) of %1 function(s), %2 error(s)</source>
        <translation>
            <numerusform>%n 次调用，%1 个函数，%2 个错误</numerusform>
        </translation>
    </message>
    <message>
        <source>Opens in the Timings tab</source>
        <translation>在“计时”标签页中打开</translation>
    </message>
    <message>
        <source>(no calls)</source>
        <translation>（无调用）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>A timing log: %1</source>
        <translation>计时日志：%1</translation>
    </message>
    <message>
        <source>timing</source>
        <translation>计时</translation>
    </message>
</context>
<context>
    <name>LogFolderPanel</name>
    <message>
        <source>Log folder</source>
        <translation>日志文件夹</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Logs in %1</source>
        <translation>%1 中的日志</translation>
    </message>
</context>
<context>
    <name>LogReader</name>
    <message>
        <source>Cannot load %1: no such file</source>
        <translation>无法加载 %1：文件不存在</translation>
    </message>
    <message>
        <source>Cannot load %1: it is a folder, not a log file</source>
        <translation>无法加载 %1：这是文件夹，不是日志文件</translation>
    </message>
    <message>
        <source>Cannot load %1: not a regular file</source>
        <translation>无法加载 %1：不是常规文件</translation>
    </message>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>无法加载 %1：%2</translation>
    </message>
    <message>
        <source>line %1, column %2: &quot;%3&quot; is out of range; read as not measured</source>
        <translation>第 %1 行第 %2 列：&quot;%3&quot; 超出范围；按未测量处理</translation>
    </message>
    <message>
        <source>line %1, column %2: &quot;%3&quot; is not a finite number; read as not measured</source>
        <translation>第 %1 行第 %2 列：&quot;%3&quot; 不是有限数值；按未测量处理</translation>
    </message>
    <message>
        <source>line %1: the record holds a NUL byte; skipped</source>
        <translation>第 %1 行：记录中含有 NUL 字节；已跳过</translation>
    </message>
    <message>
        <source>line %1: the last line was cut (%2 of %3 fields, no line end); dropped</source>
        <translation>第 %1 行：最后一行不完整（%3 个字段中只有 %2 个，且无行尾）；已丢弃</translation>
    </message>
    <message>
        <source>line %1: %2 fields where the header has %3; skipped</source>
        <translation>第 %1 行：有 %2 个字段，而表头有 %3 个；已跳过</translation>
    </message>
    <message>
        <source>line %1: &quot;%2&quot; is not a timestamp; skipped</source>
        <translation>第 %1 行：&quot;%2&quot; 不是时间戳；已跳过</translation>
    </message>
    <message>
        <source>line %1: the last line has no line end; kept</source>
        <translation>第 %1 行：最后一行没有行尾；已保留</translation>
    </message>
    <message>
        <source>line %1: the last line was cut inside a quoted field; dropped</source>
        <translation>第 %1 行：最后一行在引号字段内被截断；已丢弃</translation>
    </message>
    <message>
        <source>lines %1–%2: a quote opened on line %1 is never closed; these lines were dropped</source>
        <translation>第 %1–%2 行：第 %1 行开始的引号始终未闭合；这些行已丢弃</translation>
    </message>
    <message>
        <source>(blank)</source>
        <translation>（空白）</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> 及另外 %1 个</translation>
    </message>
    <message>
        <source>the file is compressed (gzip); decompress it first</source>
        <translation>文件已压缩（gzip）；请先解压</translation>
    </message>
    <message>
        <source>the file is a zip archive; extract the log first</source>
        <translation>文件是 zip 压缩包；请先解压出日志</translation>
    </message>
    <message>
        <source>the file is compressed (bzip2); decompress it first</source>
        <translation>文件已压缩（bzip2）；请先解压</translation>
    </message>
    <message>
        <source>the file is compressed (xz); decompress it first</source>
        <translation>文件已压缩（xz）；请先解压</translation>
    </message>
    <message>
        <source>the file is compressed (zstd); decompress it first</source>
        <translation>文件已压缩（zstd）；请先解压</translation>
    </message>
    <message>
        <source>the file is UTF-32 text; a log is UTF-8</source>
        <translation>文件是 UTF-32 文本；日志应为 UTF-8</translation>
    </message>
    <message>
        <source>the file is UTF-16 text; a log is UTF-8</source>
        <translation>文件是 UTF-16 文本；日志应为 UTF-8</translation>
    </message>
    <message>
        <source>the file is binary, not a CSV log</source>
        <translation>文件是二进制文件，不是 CSV 日志</translation>
    </message>
    <message>
        <source>the first line has no &quot;timestamp&quot; column: this is not a session log</source>
        <translation>第一行没有 &quot;timestamp&quot; 列：这不是会话日志</translation>
    </message>
    <message numerus="yes">
        <source>line 1: %n column(s) not in the log format, kept out of the data: %1</source>
        <translation>
            <numerusform>第 1 行：%n 列不属于日志格式，未计入数据：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>line 1: %1 duplicated column(s), the first column of each name is used: %2</source>
        <translation>第 1 行：%1 个重复的列，每个名称使用第一列：%2</translation>
    </message>
    <message>
        <source>line %1: timestamps in more than one style (%2 here, %3 before); each read as written</source>
        <translation>第 %1 行：时间戳格式不止一种（此处为 %2，之前为 %3）；均按原样读取</translation>
    </message>
    <message>
        <source>line %1: the time goes back before that of line %2; rows sorted by time</source>
        <translation>第 %1 行：时间早于第 %2 行；已按时间排序各行</translation>
    </message>
    <message>
        <source>%1 more cells were not valid numbers and read as not measured (not listed)</source>
        <translation>另有 %1 个单元格不是有效数值，已按未测量处理（未列出）</translation>
    </message>
    <message>
        <source>%1 more records could not be read and were skipped (not listed)</source>
        <translation>另有 %1 条记录无法读取，已跳过（未列出）</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>loading was cancelled</source>
        <translation>加载已取消</translation>
    </message>
    <message>
        <source>lines %1–%2: %3 records of NUL bytes or binary data; skipped</source>
        <translation>第 %1–%2 行：%3 条记录为 NUL 字节或二进制数据；已跳过</translation>
    </message>
    <message>
        <source>line %1, column %2: text after the closing quote; read as &quot;%3&quot;</source>
        <translation>第 %1 行，%2 列：右引号后还有文字；按 &quot;%3&quot; 读取</translation>
    </message>
    <message>
        <source>line %1, column timestamp: &quot;%2&quot; has spaces around it; read without them</source>
        <translation>第 %1 行，timestamp 列：&quot;%2&quot; 前后有空格；已去掉空格读取</translation>
    </message>
    <message>
        <source>line %1, column %2: bytes that are not UTF-8, read as �</source>
        <translation>第 %1 行，%2 列：含非 UTF-8 字节，按 � 读取</translation>
    </message>
    <message>
        <source>%1 more cells were not written as the format says and were read anyway (not listed)</source>
        <translation>另有 %1 个单元格不符合格式规定，仍已读取（未列出）</translation>
    </message>
</context>
<context>
    <name>MachineConfig</name>
    <message>
        <source>… and %n more errors.</source>
        <translation>… 另有 %n 个错误。</translation>
    </message>
    <message>
        <source>… and %n more warnings.</source>
        <translation>… 另有 %n 个警告。</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>空</translation>
    </message>
</context>
<context>
    <name>MachineForm</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Probe tokens/s by sending a tiny request every</source>
        <translation>发送极小的请求以探测 tokens/s，间隔</translation>
    </message>
    <message>
        <source>e.g. Mac Studio 1 (GPT-OSS)</source>
        <translation>例如 Mac Studio 1 (GPT-OSS)</translation>
    </message>
    <message>
        <source>lowercase letters, digits and _; names the log columns</source>
        <translation>小写字母、数字和 _；用于命名日志列</translation>
    </message>
    <message>
        <source>name or address; empty: not sampled over SSH</source>
        <translation>名称或地址；留空：不通过 SSH 采样</translation>
    </message>
    <message>
        <source>ssh-agent</source>
        <translation>ssh-agent</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>密钥文件</translation>
    </message>
    <message>
        <source> s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>How long connecting, logging in or a sample&apos;s answer may take before the machine counts as lost and is tried again</source>
        <translation>连接、登录或等待一次采样应答最多可用的时间，超时后视为失去连接并重试</translation>
    </message>
    <message>
        <source>e.g. http://mac1.local:8080; empty: none</source>
        <translation>例如 http://mac1.local:8080；留空：无</translation>
    </message>
    <message>
        <source>e.g. http://box:9100/metrics; empty: none</source>
        <translation>例如 http://box:9100/metrics；留空：无</translation>
    </message>
    <message>
        <source>A passphrase is asked for when needed, never stored.</source>
        <translation>需要时会询问密码短语，且从不保存。</translation>
    </message>
    <message>
        <source>Remote over SSH</source>
        <translation>通过 SSH 远程</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Authentication:</source>
        <translation>身份验证：</translation>
    </message>
    <message>
        <source>Key file:</source>
        <translation>密钥文件：</translation>
    </message>
    <message>
        <source>Known hosts:</source>
        <translation>known_hosts：</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>超时：</translation>
    </message>
    <message>
        <source>Model server</source>
        <translation>模型服务器</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>(adds load)</source>
        <translation>（会增加负载）</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>ID：</translation>
    </message>
    <message>
        <source>node_exporter URL:</source>
        <translation>node_exporter URL：</translation>
    </message>
    <message>
        <source>Known hosts file</source>
        <translation>known_hosts 文件</translation>
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
    <message>
        <source>Generation — %1</source>
        <translation>生成 — %1</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>tokens/s</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>Tokens/s</translation>
    </message>
    <message>
        <source>Requests in flight</source>
        <translation>处理中的请求</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>%1 in flight</source>
        <translation>处理中 %1</translation>
    </message>
    <message>
        <source>%1 completed</source>
        <translation>已完成 %1</translation>
    </message>
    <message>
        <source>server: checking…</source>
        <translation>服务器：正在检查…</translation>
    </message>
    <message>
        <source>server up since %1</source>
        <translation>服务器自 %1 起在线</translation>
    </message>
    <message>
        <source>server loading since %1</source>
        <translation>服务器自 %1 起加载中</translation>
    </message>
    <message>
        <source>server down since %1</source>
        <translation>服务器自 %1 起离线</translation>
    </message>
    <message>
        <source>server down since %1: %2</source>
        <translation>服务器自 %1 起离线：%2</translation>
    </message>
    <message>
        <source>SSH connected</source>
        <translation>SSH 已连接</translation>
    </message>
    <message>
        <source>SSH %1</source>
        <translation>SSH %1</translation>
    </message>
    <message>
        <source> · last sample %1 ms</source>
        <translation> · 上次采样耗时 %1 毫秒</translation>
    </message>
    <message>
        <source>Remote system: %1</source>
        <translation>远程系统：%1</translation>
    </message>
    <message>
        <source>GPU — %1</source>
        <translation>GPU — %1</translation>
    </message>
    <message>
        <source>GPU %</source>
        <translation>GPU %</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>GPU memory</source>
        <translation>GPU 显存</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>GPU memory %1</source>
        <translation>GPU 显存 %1</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>Try to connect to %1 again now</source>
        <translation>立即重新连接 %1</translation>
    </message>
</context>
<context>
    <name>MachineSampler</name>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation>%1 在 %2 秒内无响应</translation>
    </message>
    <message>
        <source>%1 reported %2; not recorded</source>
        <translation>%1 报告 %2；未记录</translation>
    </message>
</context>
<context>
    <name>MachineSelection</name>
    <message>
        <source>Cannot read the machines file %1: %2</source>
        <translation>无法读取机器列表文件 %1：%2</translation>
    </message>
    <message>
        <source>--no-local leaves nothing to watch: give machines with --machines</source>
        <translation>使用 --no-local 后没有可监视的对象：请用 --machines 指定机器</translation>
    </message>
</context>
<context>
    <name>MachineSetup</name>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
</context>
<context>
    <name>MachinesDialog</name>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>This computer is always monitored, as “local”.</source>
        <translation>本机始终受到监视，名称为“local”。</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source> (copy)</source>
        <translation> (副本)</translation>
    </message>
    <message>
        <source>New machine</source>
        <translation>新机器</translation>
    </message>
    <message>
        <source>machine %1: choose a key file, or use ssh-agent.</source>
        <translation>机器 %1：请选择密钥文件，或使用 ssh-agent。</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>… 另有 %n 项。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n machine(s) from %1.</source>
        <translation>
            <numerusform>已从 %1 导入 %n 台机器。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Import machines</source>
        <translation>导入机器</translation>
    </message>
    <message>
        <source>Machines files (*.json);;All files (*)</source>
        <translation>机器列表文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export machines</source>
        <translation>导出机器</translation>
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
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Not recording</source>
        <translation>未在记录</translation>
    </message>
    <message>
        <source>Charts paused (recording goes on) — </source>
        <translation>图表已暂停（记录继续进行）— </translation>
    </message>
    <message>
        <source>&amp;Machines…</source>
        <translation>机器(&amp;M)…</translation>
    </message>
    <message>
        <source>Add, edit and remove the machines and model servers to watch</source>
        <translation>添加、编辑和移除要监视的机器和模型服务器</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>&amp;Open log…</source>
        <translation>打开日志(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;HTTP API…</source>
        <translation>HTTP API(&amp;H)…</translation>
    </message>
    <message>
        <source>Serve the live numbers and take markers over HTTP</source>
        <translation>通过 HTTP 提供实时数据并接收标记</translation>
    </message>
    <message>
        <source>Open &amp;recent log</source>
        <translation>打开最近的日志(&amp;R)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>perfdash &amp;help</source>
        <translation>perfdash 帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Machines changed: recording continues in %1</source>
        <translation>机器已更改：继续记录到 %1</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>Timings</source>
        <translation>计时</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>机群</translation>
    </message>
    <message>
        <source>Analyse a past session log, or a timing log of an instrumented program</source>
        <translation>分析过去的会话日志，或插桩程序的计时日志</translation>
    </message>
    <message>
        <source>Open a log</source>
        <translation>打开日志</translation>
    </message>
    <message>
        <source>Logs (*.csv *.log *.jsonl *.json *.txt);;All files (*)</source>
        <translation>日志 (*.csv *.log *.jsonl *.json *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Time &amp;zone</source>
        <translation>时区(&amp;Z)</translation>
    </message>
    <message>
        <source>The &amp;log&apos;s own</source>
        <translation>日志自身的时区(&amp;L)</translation>
    </message>
    <message>
        <source>This &amp;computer</source>
        <translation>本计算机的时区(&amp;C)</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>正在记录到 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n rows</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
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
    <name>MarkerIntake</name>
    <message>
        <source>the marker was not stored</source>
        <translation>标记未保存</translation>
    </message>
    <message>
        <source>this session is not being recorded</source>
        <translation>本次会话没有在记录</translation>
    </message>
    <message>
        <source>the log cannot be written now (%1); the marker is kept in memory and written as soon as the log takes it</source>
        <translation>日志暂时无法写入（%1）；标记保留在内存中，日志恢复写入后立即写入</translation>
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
    <name>MarkerText</name>
    <message>
        <source>the %1 holds a control character (U+%2) at position %3; only tab and newline are allowed</source>
        <translation>%1 在第 %3 个字符处含控制字符（U+%2）；只允许制表符和换行</translation>
    </message>
</context>
<context>
    <name>MarkerUndo</name>
    <message>
        <source>Add marker “%1”</source>
        <translation>添加标记“%1”</translation>
    </message>
    <message>
        <source>Edit marker “%1”</source>
        <translation>编辑标记“%1”</translation>
    </message>
    <message>
        <source>Delete marker “%1”</source>
        <translation>删除标记“%1”</translation>
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
    <name>NodeExporterSource</name>
    <message>
        <source>node_exporter %1</source>
        <translation>node_exporter %1</translation>
    </message>
    <message>
        <source>%1: no reading yet</source>
        <translation>%1：尚无读数</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>the answer is not Prometheus metrics</source>
        <translation>响应不是 Prometheus 指标</translation>
    </message>
    <message>
        <source>no node_cpu_seconds_total or node_memory_* metrics (is this node_exporter on Linux?)</source>
        <translation>没有 node_cpu_seconds_total 或 node_memory_* 指标（这是 Linux 上的 node_exporter 吗？）</translation>
    </message>
</context>
<context>
    <name>OutputFile</name>
    <message>
        <source>%1 is a directory</source>
        <translation>%1 是一个目录</translation>
    </message>
</context>
<context>
    <name>PromApi</name>
    <message>
        <source>a %1 series with a malformed sample</source>
        <translation>含有格式错误采样的 %1 序列</translation>
    </message>
    <message>
        <source>a malformed scalar</source>
        <translation>格式错误的标量</translation>
    </message>
    <message>
        <source>unknown resultType &quot;%1&quot;</source>
        <translation>未知的 resultType &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>PrometheusCheck</name>
    <message>
        <source>The URL must be http:// or https:// with a host.</source>
        <translation>URL 必须是带主机的 http:// 或 https:// 地址。</translation>
    </message>
</context>
<context>
    <name>PrometheusClient</name>
    <message>
        <source>cannot read the token file %1: %2</source>
        <translation>无法读取令牌文件 %1：%2</translation>
    </message>
    <message>
        <source>the token file %1 is empty</source>
        <translation>令牌文件 %1 为空</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>PrometheusFleet</name>
    <message>
        <source>the Prometheus URL must be http:// or https:// with a host, not &apos;%1&apos;</source>
        <translation>Prometheus URL 必须是带主机的 http:// 或 https:// 地址，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Prometheus %1 did not answer within %2 s</source>
        <translation>Prometheus %1 在 %2 秒内无响应</translation>
    </message>
</context>
<context>
    <name>PrometheusServerDialog</name>
    <message>
        <source>Prometheus server</source>
        <translation>Prometheus 服务器</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>e.g. http://prometheus.lab:9090</source>
        <translation>例如 http://prometheus.lab:9090</translation>
    </message>
    <message>
        <source>optional, e.g. {job=&quot;node&quot;}; empty: every target</source>
        <translation>可选，例如 {job=&quot;node&quot;}；留空：所有目标</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Bearer token file</source>
        <translation>Bearer 令牌文件</translation>
    </message>
    <message>
        <source>User and password (basic)</source>
        <translation>用户名和密码（basic）</translation>
    </message>
    <message>
        <source>a file whose first line is the token</source>
        <translation>首行为令牌的文件</translation>
    </message>
    <message>
        <source>Saved with the machines as written; a token file keeps the secret out of the settings</source>
        <translation>按填写内容与机器一起保存；使用令牌文件可避免将密钥存入设置</translation>
    </message>
    <message>
        <source> s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL：</translation>
    </message>
    <message>
        <source>Selector:</source>
        <translation>选择器：</translation>
    </message>
    <message>
        <source>Authentication:</source>
        <translation>身份验证：</translation>
    </message>
    <message>
        <source>Token file:</source>
        <translation>令牌文件：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>超时：</translation>
    </message>
    <message>
        <source>The URL must be http:// or https:// with a host.</source>
        <translation>URL 必须是带主机的 http:// 或 https:// 地址。</translation>
    </message>
    <message>
        <source>Choose the token file, or no authentication.</source>
        <translation>请选择令牌文件，或选择不进行身份验证。</translation>
    </message>
    <message>
        <source>Give the user, or no authentication.</source>
        <translation>请填写用户，或选择不进行身份验证。</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>正在查询 %1…</translation>
    </message>
    <message>
        <source>Found %1 targets on %2 machines, %3 up.</source>
        <translation>在 %2 台机器上找到 %1 个目标，%3 个在线。</translation>
    </message>
    <message>
        <source>No answer: %1</source>
        <translation>无响应：%1</translation>
    </message>
    <message>
        <source>Token file</source>
        <translation>令牌文件</translation>
    </message>
</context>
<context>
    <name>PrometheusServerList</name>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Add from Prometheus…</source>
        <translation>从 Prometheus 添加…</translation>
    </message>
    <message>
        <source>Prometheus servers (their targets are machines):</source>
        <translation>Prometheus 服务器（其目标即为机器）：</translation>
    </message>
    <message>
        <source>no authentication</source>
        <translation>无身份验证</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>用户 %1</translation>
    </message>
    <message>
        <source>token file %1</source>
        <translation>令牌文件 %1</translation>
    </message>
</context>
<context>
    <name>PrometheusSource</name>
    <message>
        <source>Prometheus %1</source>
        <translation>Prometheus %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: no answer yet</source>
        <translation>%1：尚无响应</translation>
    </message>
    <message>
        <source>%1: no answer for %2 s</source>
        <translation>%1：已 %2 秒无响应</translation>
    </message>
    <message>
        <source>no longer a target of %1</source>
        <translation>已不再是 %1 的目标</translation>
    </message>
    <message>
        <source>target down</source>
        <translation>目标离线</translation>
    </message>
    <message>
        <source>target down: %1</source>
        <translation>目标离线：%1</translation>
    </message>
    <message>
        <source>target down (%1)</source>
        <translation>目标离线（%1）</translation>
    </message>
</context>
<context>
    <name>QObject</name>
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
    <message>
        <source>perfdash</source>
        <translation>perfdash</translation>
    </message>
    <message>
        <source>The HTTP API is off.</source>
        <translation>HTTP API 已关闭。</translation>
    </message>
    <message>
        <source>Serving on %1</source>
        <translation>正在 %1 上提供服务</translation>
    </message>
    <message>
        <source>Token: %1</source>
        <translation>令牌：%1</translation>
    </message>
    <message>
        <source>(from --http for this run)</source>
        <translation>（本次运行由 --http 指定）</translation>
    </message>
    <message>
        <source>Prometheus %1: %2</source>
        <translation>Prometheus %1：%2</translation>
    </message>
</context>
<context>
    <name>ReportPdf</name>
    <message>
        <source>page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
</context>
<context>
    <name>ReportTable</name>
    <message>
        <source>Selection</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>run %1 of %2</source>
        <translation>运行段 %1/%2</translation>
    </message>
    <message>
        <source>the whole file</source>
        <translation>整个文件</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Markers</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Reader warnings</source>
        <translation>读取警告</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>CPU &gt; %1 %, tokens/s &lt; %2, gap &gt; %3 × the median interval</source>
        <translation>CPU &gt; %1 %，tokens/s &lt; %2，间隔 &gt; 中位间隔的 %3 倍</translation>
    </message>
    <message>
        <source>Machines (continued)</source>
        <translation>机器（续）</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>采样数</translation>
    </message>
    <message>
        <source>CPU avg</source>
        <translation>CPU 平均</translation>
    </message>
    <message>
        <source>CPU max</source>
        <translation>CPU 最高</translation>
    </message>
    <message>
        <source>CPU min</source>
        <translation>CPU 最低</translation>
    </message>
    <message>
        <source>Memory avg</source>
        <translation>内存平均</translation>
    </message>
    <message>
        <source>Memory max</source>
        <translation>内存最高</translation>
    </message>
    <message>
        <source>Tokens/s avg</source>
        <translation>Tokens/s 平均</translation>
    </message>
    <message>
        <source>Tokens/s max</source>
        <translation>Tokens/s 最高</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>Uptime %</source>
        <translation>在线率 %</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>峰值</translation>
    </message>
    <message>
        <source>Nearest marker</source>
        <translation>最近的标记</translation>
    </message>
    <message>
        <source>Issues (continued)</source>
        <translation>问题（续）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Markers (continued)</source>
        <translation>标记（续）</translation>
    </message>
</context>
<context>
    <name>ServerKind</name>
    <message>
        <source>OpenAI-compatible</source>
        <translation>OpenAI 兼容</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message numerus="yes">
        <source>%n marker(s) could not be written to the log before it closed: %1</source>
        <translation>
            <numerusform>日志关闭前有 %n 个标记未能写入：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>The machines changed, but no log can be created for their columns, so recording goes on in %1 with the columns it has: %2</source>
        <translation>机器已更改，但无法为新的列创建日志，因此继续按原有的列记录到 %1：%2</translation>
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
    <message>
        <source>%1 ends in damaged bytes (NULs, as a power cut leaves them)</source>
        <translation>%1 末尾是损坏的字节（断电留下的 NUL）</translation>
    </message>
    <message>
        <source>%1 ends in a line cut short (a crash or a kill)</source>
        <translation>%1 末尾是一行被截断的内容（崩溃或被强制结束）</translation>
    </message>
    <message>
        <source>; readers skip it, and the new row starts on a line of its own</source>
        <translation>；读取时会跳过它，新行另起一行写入</translation>
    </message>
</context>
<context>
    <name>SshConnection</name>
    <message>
        <source>not connected to %1 (%2)</source>
        <translation>未连接到 %1（%2）</translation>
    </message>
    <message>
        <source>waiting for you to trust the host key of %1</source>
        <translation>正在等待您信任 %1 的主机密钥</translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation>正在连接 %1</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>cannot find host %1: %2</source>
        <translation>找不到主机 %1：%2</translation>
    </message>
    <message>
        <source>cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>cannot start an SSH session (out of memory)</source>
        <translation>无法启动 SSH 会话（内存不足）</translation>
    </message>
    <message>
        <source>%1 accepted the connection but did not answer within %2 s (is it an SSH server?)</source>
        <translation>%1 接受了连接，但在 %2 秒内无响应（它是 SSH 服务器吗？）</translation>
    </message>
    <message>
        <source>SSH handshake with %1 failed: %2</source>
        <translation>与 %1 的 SSH 握手失败：%2</translation>
    </message>
    <message>
        <source>%1 sent no host key</source>
        <translation>%1 未发送主机密钥</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>the host key of %1 has CHANGED (now %2 %3) and does not match %4; refusing to connect. If the change is expected, remove the old entry from that file</source>
        <translation>%1 的主机密钥已更改（现为 %2 %3），与 %4 中的记录不符；拒绝连接。如果此更改在预期之内，请从该文件中删除旧条目</translation>
    </message>
    <message>
        <source>cannot check the host key of %1: %2</source>
        <translation>无法检查 %1 的主机密钥：%2</translation>
    </message>
    <message>
        <source>the host key of %1 (%2 %3) is not in %4 and nobody answered whether to trust it</source>
        <translation>%1 的主机密钥（%2 %3）不在 %4 中，且无人确认是否信任它</translation>
    </message>
    <message>
        <source>the host key of %1 (%2 %3) is not in %4 and you did not trust it</source>
        <translation>%1 的主机密钥（%2 %3）不在 %4 中，且您未选择信任它</translation>
    </message>
    <message>
        <source>the host key of %1 (%2 %3) is not in %4; refusing to connect to an unknown host (add it, or run with --accept-new-host-keys)</source>
        <translation>%1 的主机密钥（%2 %3）不在 %4 中；拒绝连接未知主机（请添加该密钥，或使用 --accept-new-host-keys 运行）</translation>
    </message>
    <message>
        <source>cannot record the host key of %1: %2</source>
        <translation>无法记录 %1 的主机密钥：%2</translation>
    </message>
    <message>
        <source>key file %1 is protected by a passphrase: load it into ssh-agent (ssh-add %1) and choose ssh-agent</source>
        <translation>密钥文件 %1 受密码短语保护：请将其加载到 ssh-agent（ssh-add %1），然后选择 ssh-agent</translation>
    </message>
    <message>
        <source>the passphrase of key file %1 is not right</source>
        <translation>密钥文件 %1 的密码短语不正确</translation>
    </message>
    <message>
        <source>no passphrase given for key file %1</source>
        <translation>未提供密钥文件 %1 的密码短语</translation>
    </message>
    <message>
        <source>no way to log in to %1 as %2: no ssh-agent and no key in ~/.ssh; choose a key file for this machine</source>
        <translation>无法以 %2 身份登录 %1：没有 ssh-agent，~/.ssh 中也没有密钥；请为此机器选择密钥文件</translation>
    </message>
    <message>
        <source>key file %1 does not exist</source>
        <translation>密钥文件 %1 不存在</translation>
    </message>
    <message>
        <source>%1 did not answer the login within %2 s</source>
        <translation>%1 在 %2 秒内未响应登录</translation>
    </message>
    <message>
        <source>cannot use key file %1: %2 (if it has a passphrase, give it)</source>
        <translation>无法使用密钥文件 %1：%2（如果它有密码短语，请提供）</translation>
    </message>
    <message>
        <source>%1 refused the RSA key %2 for user %3: this libssh2 can only sign with SHA-1, which current OpenSSH servers refuse; use an ed25519 key</source>
        <translation>%1 拒绝了用户 %3 的 RSA 密钥 %2：此 libssh2 只能使用 SHA-1 签名，而当前的 OpenSSH 服务器会拒绝这种签名；请使用 ed25519 密钥</translation>
    </message>
    <message>
        <source>authentication as %1 on %2 with key %3 failed: %4</source>
        <translation>在 %2 上以 %1 身份使用密钥 %3 进行身份验证失败：%4</translation>
    </message>
    <message>
        <source>the passphrase was not right</source>
        <translation>密码短语不正确</translation>
    </message>
    <message>
        <source>cannot use ssh-agent</source>
        <translation>无法使用 ssh-agent</translation>
    </message>
    <message>
        <source>cannot use ssh-agent: %1</source>
        <translation>无法使用 ssh-agent：%1</translation>
    </message>
    <message>
        <source>authentication as %1 on %2 failed with every ssh-agent key</source>
        <translation>在 %2 上以 %1 身份进行身份验证失败：ssh-agent 中的所有密钥均被拒绝</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s (%3)</source>
        <translation>%1 在 %2 秒内无响应（%3）</translation>
    </message>
    <message>
        <source>cannot open a channel on %1: %2</source>
        <translation>无法在 %1 上打开通道：%2</translation>
    </message>
    <message>
        <source>cannot run the sampling command on %1: %2</source>
        <translation>无法在 %1 上运行采样命令：%2</translation>
    </message>
    <message>
        <source>%1 is still answering earlier samples</source>
        <translation>%1 仍在响应之前的采样</translation>
    </message>
    <message>
        <source>connection to %1 lost: %2</source>
        <translation>与 %1 的连接已断开：%2</translation>
    </message>
    <message>
        <source>%1 sent unreadable output (a line over 1 MiB)</source>
        <translation>%1 发送了无法读取的输出（有一行超过 1 MiB）</translation>
    </message>
    <message>
        <source>%1 skipped a sample</source>
        <translation>%1 跳过了一次采样</translation>
    </message>
    <message>
        <source>the sampling command on %1 ended</source>
        <translation>%1 上的采样命令已结束</translation>
    </message>
    <message>
        <source>the sampling command on %1 ended: %2</source>
        <translation>%1 上的采样命令已结束：%2</translation>
    </message>
    <message>
        <source>a sample</source>
        <translation>一次采样</translation>
    </message>
</context>
<context>
    <name>SshSource</name>
    <message>
        <source>%1 (SSH)</source>
        <translation>%1 (SSH)</translation>
    </message>
</context>
<context>
    <name>StatisticsTable</name>
    <message>
        <source>Machine</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>采样数</translation>
    </message>
    <message>
        <source>CPU avg</source>
        <translation>CPU 平均</translation>
    </message>
    <message>
        <source>CPU max</source>
        <translation>CPU 最高</translation>
    </message>
    <message>
        <source>CPU min</source>
        <translation>CPU 最低</translation>
    </message>
    <message>
        <source>Memory avg</source>
        <translation>内存平均</translation>
    </message>
    <message>
        <source>Memory max</source>
        <translation>内存最高</translation>
    </message>
    <message>
        <source>Tokens/s avg</source>
        <translation>Tokens/s 平均</translation>
    </message>
    <message>
        <source>Tokens/s max</source>
        <translation>Tokens/s 最高</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>Uptime %</source>
        <translation>在线率 %</translation>
    </message>
</context>
<context>
    <name>StripCanvas</name>
    <message>
        <source>right: %1</source>
        <translation>右轴：%1</translation>
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
    <name>TimingBuilder</name>
    <message>
        <source>more than %1 distinct attribute names: the others are not kept</source>
        <translation>不同的属性名超过 %1 个：其余的不予保留</translation>
    </message>
</context>
<context>
    <name>TimingCsv</name>
    <message>
        <source>a quote never closed: the rest of the file skipped</source>
        <translation>引号未闭合：已跳过文件的其余部分</translation>
    </message>
    <message>
        <source>%1 fields where the header has %2</source>
        <translation>%1 个字段，而表头有 %2 个</translation>
    </message>
    <message>
        <source>bytes that are not UTF-8 (replaced by U+FFFD)</source>
        <translation>含非 UTF-8 字节（已替换为 U+FFFD）</translation>
    </message>
</context>
<context>
    <name>TimingCsv::RowReader</name>
    <message>
        <source>unknown tier</source>
        <translation>未知档位</translation>
    </message>
    <message>
        <source>no duration that is a finite number of seconds &gt;= 0: row skipped</source>
        <translation>没有 &gt;= 0 的有限秒数时长：已跳过该行</translation>
    </message>
    <message>
        <source>no usable start, end or timestamp: row skipped</source>
        <translation>没有可用的 start、end 或 timestamp：已跳过该行</translation>
    </message>
    <message>
        <source>no function name: row skipped</source>
        <translation>没有函数名：已跳过该行</translation>
    </message>
    <message>
        <source>no usable timestamp: sample skipped</source>
        <translation>没有可用的 timestamp：已跳过该采样</translation>
    </message>
</context>
<context>
    <name>TimingDocument</name>
    <message>
        <source>processing[%1]: no operation, duration_ms &gt;= 0 or timestamp: skipped</source>
        <translation>processing[%1]：没有 operation、duration_ms &gt;= 0 或 timestamp：已跳过</translation>
    </message>
    <message>
        <source>event %1: no ph or ts: skipped</source>
        <translation>事件 %1：没有 ph 或 ts：已跳过</translation>
    </message>
    <message>
        <source>event %1: a negative dur: skipped</source>
        <translation>事件 %1：dur 为负：已跳过</translation>
    </message>
    <message>
        <source>event %1: an end (E) without its begin (B) on thread %2: skipped</source>
        <translation>事件 %1：线程 %2 上的结束 (E) 没有对应的开始 (B)：已跳过</translation>
    </message>
    <message>
        <source>event %1: a begin (B) of %2 never ended on thread %3: no call</source>
        <translation>事件 %1：线程 %3 上 %2 的开始 (B) 从未结束：不计为调用</translation>
    </message>
</context>
<context>
    <name>TimingFollower</name>
    <message>
        <source>%1: a %2, not JSON lines: only JSON-lines logs are followed</source>
        <translation>%1：是 %2，而不是 JSON lines：只能跟随 JSON lines 日志</translation>
    </message>
</context>
<context>
    <name>TimingReader</name>
    <message>
        <source>JSON lines of {&quot;function&quot;, &quot;execution_time&quot;, &quot;timestamp&quot;} (maybe after a log prefix), a timing_results.csv, a collector export ({&quot;processing&quot;: …} or CSV), a synthesis_&lt;tier&gt;_*.csv, or a Chrome trace ({&quot;traceEvents&quot;: …})</source>
        <translation>{&quot;function&quot;, &quot;execution_time&quot;, &quot;timestamp&quot;} 形式的 JSON lines（前面可带日志前缀）、timing_results.csv、采集器导出文件（{&quot;processing&quot;: …} 或 CSV）、synthesis_&lt;tier&gt;_*.csv，或 Chrome trace（{&quot;traceEvents&quot;: …}）</translation>
    </message>
    <message>
        <source>JSON lines</source>
        <translation>JSON lines</translation>
    </message>
    <message>
        <source>results CSV</source>
        <translation>结果 CSV</translation>
    </message>
    <message>
        <source>collector export</source>
        <translation>采集器导出文件</translation>
    </message>
    <message>
        <source>samples CSV</source>
        <translation>采样 CSV</translation>
    </message>
    <message>
        <source>per-request CSV</source>
        <translation>逐请求 CSV</translation>
    </message>
    <message>
        <source>Chrome trace</source>
        <translation>Chrome trace</translation>
    </message>
    <message>
        <source>hardware description</source>
        <translation>硬件描述</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>not a timing log: expected %1</source>
        <translation>不是计时日志：应为 %1</translation>
    </message>
    <message>
        <source>%1: no such file or directory</source>
        <translation>%1：没有该文件或目录</translation>
    </message>
    <message>
        <source>%1: not a regular file (a pipe, socket or device)</source>
        <translation>%1：不是普通文件（而是管道、套接字或设备）</translation>
    </message>
    <message>
        <source>missing from its rotated set: the calls it held are not read</source>
        <translation>在其轮转文件组中缺失：其中的调用未被读取</translation>
    </message>
</context>
<context>
    <name>TimingReport</name>
    <message>
        <source>Timings: %1
</source>
        <translation>计时：%1
</translation>
    </message>
    <message>
        <source>Files: %1; calls read: %2; lines without a call skipped: %3
</source>
        <translation>文件：%1；读取的调用：%2；跳过的非调用行：%3
</translation>
    </message>
    <message>
        <source>
Runs (a gap over max(10 × the median spacing, 60 s) starts a new one):
</source>
        <translation>
运行段（间隔超过 max(10 × 中位间距, 60 秒) 即开始新的运行段）：
</translation>
    </message>
    <message>
        <source>%1 calls</source>
        <translation>%1 次调用</translation>
    </message>
    <message>
        <source>
Run %1</source>
        <translation>
运行段 %1</translation>
    </message>
    <message>
        <source>
All calls</source>
        <translation>
全部调用</translation>
    </message>
    <message>
        <source>: %1 – %2, %3 calls, %4 s in calls
</source>
        <translation>：%1 – %2，%3 次调用，调用共耗时 %4 秒
</translation>
    </message>
    <message>
        <source>function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>   count    total s   mean s  median s    p95 s    min s    max s  errors  share
</source>
        <translation>  次数     总计 s   均值 s  中位数 s    p95 s   最小 s   最大 s    错误   占比
</translation>
    </message>
    <message>
        <source>… and %1 more functions (--top)
</source>
        <translation>… 另有 %1 个函数（--top）
</translation>
    </message>
    <message>
        <source>
Errors: %1
</source>
        <translation>
错误：%1
</translation>
    </message>
    <message>
        <source>
Warnings: %1
</source>
        <translation>
警告：%1
</translation>
    </message>
</context>
<context>
    <name>TimingStats</name>
    <message>
        <source>no calls</source>
        <translation>没有调用</translation>
    </message>
    <message>
        <source>no run %1: the calls form %2 run(s)</source>
        <translation>没有运行段 %1：这些调用构成 %2 个运行段</translation>
    </message>
    <message>
        <source>no calls in the selected time range</source>
        <translation>所选时间范围内没有调用</translation>
    </message>
</context>
<context>
    <name>TimingsErrorsPanel</name>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>The traceback of the selected error</source>
        <translation>所选错误的回溯信息</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 另有 %1 个</translation>
    </message>
</context>
<context>
    <name>TimingsExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>On screen (%1×%2)</source>
        <translation>与屏幕显示相同 (%1×%2)</translation>
    </message>
    <message>
        <source>Export a chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Picture size:</source>
        <translation>图片尺寸：</translation>
    </message>
    <message>
        <source>PNG (*.png);;SVG (*.svg)</source>
        <translation>PNG (*.png);;SVG (*.svg)</translation>
    </message>
</context>
<context>
    <name>TimingsHistogram</name>
    <message>
        <source>Durations: select a function</source>
        <translation>时长：请选择一个函数</translation>
    </message>
    <message>
        <source>Durations of %1 (%2)</source>
        <translation>%1 的时长 (%2)</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性刻度</translation>
    </message>
</context>
<context>
    <name>TimingsPage</name>
    <message>
        <source>Not followed: %1</source>
        <translation>未跟随：%1</translation>
    </message>
    <message>
        <source>Open timing log…</source>
        <translation>打开计时日志…</translation>
    </message>
    <message>
        <source>No timing log open. Open one, or drop it here.</source>
        <translation>未打开计时日志。请打开一个日志，或将其拖放到此处。</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Read the calls appended to the log as it grows</source>
        <translation>随日志增长读取追加的调用</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Histogram</source>
        <translation>直方图</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>档位</translation>
    </message>
    <message>
        <source>Open a timing log</source>
        <translation>打开计时日志</translation>
    </message>
    <message>
        <source>Timing logs (*.log *.jsonl *.json *.csv *.txt);;All files (*)</source>
        <translation>计时日志 (*.log *.jsonl *.json *.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>  ·  machines: %1</source>
        <translation>  ·  机器：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s), %1 function(s), %2 run(s); %3 error(s)</source>
        <translation>
            <numerusform>%n 次调用，%1 个函数，%2 个运行段；%3 个错误</numerusform>
        </translation>
    </message>
    <message>
        <source>Timeline as picture…</source>
        <translation>时间线（图片）…</translation>
    </message>
    <message>
        <source>Call timeline</source>
        <translation>调用时间线</translation>
    </message>
    <message>
        <source>Histogram as picture…</source>
        <translation>直方图（图片）…</translation>
    </message>
    <message>
        <source>Durations</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Tiers as picture…</source>
        <translation>档位（图片）…</translation>
    </message>
    <message>
        <source>Hardware tiers</source>
        <translation>硬件档位</translation>
    </message>
    <message>
        <source>Statistics as CSV…</source>
        <translation>统计（CSV）…</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>导出统计</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Statistics as JSON…</source>
        <translation>统计（JSON）…</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Timeline as Chrome trace…</source>
        <translation>时间线（Chrome trace）…</translation>
    </message>
    <message>
        <source>Export a Chrome trace</source>
        <translation>导出 Chrome trace</translation>
    </message>
    <message>
        <source>Only a single JSON-lines log can be followed as it grows</source>
        <translation>只有单个 JSON 行日志可以随其增长而跟踪</translation>
    </message>
</context>
<context>
    <name>TimingsRunSelector</name>
    <message>
        <source>The calls the statistics cover</source>
        <translation>统计所涵盖的调用</translation>
    </message>
    <message>
        <source>The time range&apos;s start</source>
        <translation>时间范围的起点</translation>
    </message>
    <message>
        <source>The time range&apos;s end</source>
        <translation>时间范围的终点</translation>
    </message>
    <message>
        <source>Latest run</source>
        <translation>最新运行段</translation>
    </message>
    <message>
        <source>All runs</source>
        <translation>所有运行段</translation>
    </message>
    <message numerus="yes">
        <source>Run %1: %2, %n call(s)</source>
        <translation>
            <numerusform>运行段 %1：%2，%n 次调用</numerusform>
        </translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>时间范围</translation>
    </message>
</context>
<context>
    <name>TimingsTableModel</name>
    <message>
        <source>%1: one of the ten functions with the largest total time</source>
        <translation>%1：总时间最长的十个函数之一</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功率</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Memory Δ</source>
        <translation>内存 Δ</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s), total %1, mean %2, p95 %3</source>
        <translation>
            <numerusform>%n 次调用，总计 %1，均值 %2，p95 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Memory delta: %1 MB on average</source>
        <translation>内存变化：平均 %1 MB</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
</context>
<context>
    <name>TimingsTierChart</name>
    <message>
        <source>Peak memory (MB)</source>
        <translation>峰值内存 (MB)</translation>
    </message>
    <message>
        <source>Real-time factor</source>
        <translation>实时因子</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>Tokens/s</translation>
    </message>
    <message>
        <source>Success rate (%)</source>
        <translation>成功率 (%)</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>No hardware tiers: per-request logs (synthesis_&lt;tier&gt;_*.csv) have them</source>
        <translation>没有硬件档位：逐请求日志（synthesis_&lt;tier&gt;_*.csv）才有</translation>
    </message>
</context>
<context>
    <name>TimingsTimeline</name>
    <message>
        <source>Duration: %1 s</source>
        <translation>时长：%1 秒</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
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
<context>
    <name>ViewClock</name>
    <message>
        <source>as written in the log (it has no UTC offsets)</source>
        <translation>按日志中的原样（日志不含 UTC 偏移）</translation>
    </message>
    <message>
        <source>%1, this computer&apos;s time zone</source>
        <translation>%1，本计算机的时区</translation>
    </message>
    <message>
        <source>%1, the log&apos;s own clock</source>
        <translation>%1，日志自身的时钟</translation>
    </message>
</context>
</TS>

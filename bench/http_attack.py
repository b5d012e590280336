#!/usr/bin/env python3
"""The HTTP API under the probe's attack (issue 18, item 3), against `perfdash log`:

    bench/http_attack.py [BINARY]      (default: build/app/perfdash)

`perfdash log --interval 0.1 --http 127.0.0.1:PORT` in a temporary folder, then for 10 s:
200 connections that send half a request line and stop, 4 that declare 500 MB bodies and pump
1 MB chunks, 4 that send headers that never end; meanwhile GET /health ten times a second.
Prints the rows the logger wrote (about 100 expected), the /health answers and their worst
latency, how many body bytes the server let in, and the logger's peak RSS (VmHWM).
"""
import socket, subprocess, sys, time, os, glob, re, threading, urllib.request, tempfile
binary = sys.argv[1] if len(sys.argv) > 1 else "build/app/perfdash"
d = tempfile.mkdtemp()
probe = socket.socket(); probe.bind(("127.0.0.1", 0)); port = probe.getsockname()[1]; probe.close()
p = subprocess.Popen([binary, "log", "--interval", "0.1", "--http", f"127.0.0.1:{port}", "--log-dir", d], stderr=subprocess.PIPE)
buf = b""
while b"logging to" not in buf:
    buf += p.stderr.read1(4096)
time.sleep(0.5)
csv = glob.glob(d + "/*.csv")[0]
def rows(): return open(csv, "rb").read().count(b"\n")
socks = []
for i in range(200):
    s = socket.create_connection(("127.0.0.1", port)); s.send(b"GET /health HTTP/1.1\r\nX-Slow: "); socks.append(s)
big = []
for i in range(4):
    s = socket.create_connection(("127.0.0.1", port)); s.send(b"POST /events HTTP/1.1\r\nContent-Length: 524288000\r\n\r\n"); s.setblocking(False); big.append(s)
for i in range(4):
    s = socket.create_connection(("127.0.0.1", port)); s.send(b"GET /health HTTP/1.1\r\nX-Big: "); s.setblocking(False); big.append(s)
before = rows(); t0 = time.time(); chunk = b"x" * (1 << 20); sent = 0; healthy = 0; lat = []
stop = False
def pump():
    global sent
    while not stop:
        for s in big:
            try: sent += s.send(chunk)
            except (BlockingIOError, OSError): pass
th = threading.Thread(target=pump); th.start()
while time.time() - t0 < 10:
    a = time.time()
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2).read(); healthy += 1; lat.append(time.time() - a)
    except Exception as e: pass
    time.sleep(0.1)
stop = True; th.join()
taken = rows() - before
hwm = re.search(r"VmHWM:\s+(\d+)", open(f"/proc/{p.pid}/status").read()).group(1)
p.terminate(); p.wait()
import shutil; shutil.rmtree(d, ignore_errors=True)
print(f"{binary}: rows in 10 s at 0.1 s: {taken} (of ~100); /health answered {healthy} times, max latency {max(lat) if lat else -1:.3f} s; body bytes pushed {sent/1e6:.0f} MB; peak RSS {int(hwm)/1024:.0f} MB")

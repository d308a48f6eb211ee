"""Slow uploads from one address against `cpor serve`, and a normal client beside them.

The slow side opens SLOW connections (4,000 by default) from one address, each sending a POST
head that announces a 100 kB body and then one body byte every 5 s; whenever the server closes
one (refused at the per-address cap, cut off with 408, or shed), it opens another, at most
--connect-rate a second, so it keeps trying to hold them all. Meanwhile a normal client on
another address makes GET /healthz and GET /login requests, each on a new connection, and the
script prints their p50/p95/p99 latency (connect included) and errors. The target is a p99 under
1 s and no errors; the script exits 1 when a run misses it.

Started with a binary, it runs `cpor serve --demo` on a fresh database twice: with the default
per-address cap (most slow connections are refused at the cap), and with the cap raised past
SLOW (every slow connection gets in, and the minimum body rate and shedding are what keep the
normal client served). With --url it runs once against a server already listening.

On loopback the slow side connects from 127.0.0.2 and the normal client from 127.0.0.1, so they
count as two addresses.

Usage: slow_clients.py (CPOR_BINARY | --url http://127.0.0.1:8080) [--seconds 60] [--slow 4000]
                       [--connect-rate 1000] [--cap N]
"""
import argparse
import http.client
import multiprocessing
import os
import resource
import selectors
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SLOW_SOURCE = "127.0.0.2"
NORMAL_SOURCE = "127.0.0.1"
BYTE_EVERY = 5.0
TARGET_P99 = 1.0


def raise_descriptor_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


class SlowSide:
    """SLOW connections that each send a POST body a byte at a time; runs in its own process so
    its thousands of sockets do not slow the normal client's timing."""

    def __init__(self, host, port, count, connect_rate, source):
        self.address = (host, port)
        self.count = count
        self.connect_rate = connect_rate
        self.source = source
        self.head = (f"POST /login HTTP/1.1\r\nHost: {host}:{port}\r\n"
                     "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n").encode()
        self.selector = selectors.DefaultSelector()
        self.next_byte = {}  # open socket -> when it sends its next byte
        self.connecting = set()
        self.figures = {"opened": 0, "refused_503": 0, "cut_408": 0, "closed_silently": 0, "connect_failed": 0,
                        "other_answers": 0, "most_held": 0}
        self.held_samples = []

    def open_one(self):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        try:
            if self.source:
                sock.bind((self.source, 0))
            sock.connect_ex(self.address)
        except OSError:
            sock.close()
            self.figures["connect_failed"] += 1
            return
        self.connecting.add(sock)
        self.selector.register(sock, selectors.EVENT_WRITE)

    def connected(self, sock):
        self.connecting.discard(sock)
        if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
            self.selector.unregister(sock)
            sock.close()
            self.figures["connect_failed"] += 1
            return
        try:
            sock.send(self.head)
        except OSError:
            self.drop(sock, "closed_silently")
            return
        self.figures["opened"] += 1
        self.selector.modify(sock, selectors.EVENT_READ)
        self.next_byte[sock] = time.monotonic() + BYTE_EVERY

    def answered(self, sock):
        try:
            data = sock.recv(4096)
        except OSError:
            data = b""
        if data.startswith(b"HTTP/1.1 503"):
            self.drop(sock, "refused_503")
        elif data.startswith(b"HTTP/1.1 408"):
            self.drop(sock, "cut_408")
        elif data:
            self.drop(sock, "other_answers")
        else:
            self.drop(sock, "closed_silently")

    def drop(self, sock, why):
        self.figures[why] += 1
        self.connecting.discard(sock)
        self.next_byte.pop(sock, None)
        try:
            self.selector.unregister(sock)
        except (KeyError, ValueError):
            pass
        sock.close()

    def run(self, stop, results):
        tick = 0.05
        last_sample = last_refill = time.monotonic()
        allowance = 0.0  # connections it may open now, refilled at connect_rate a second
        while not stop.is_set():
            now = time.monotonic()
            allowance = min(self.connect_rate * tick, allowance + (now - last_refill) * self.connect_rate)
            last_refill = now
            missing = self.count - len(self.next_byte) - len(self.connecting)
            while missing > 0 and allowance >= 1:
                self.open_one()
                missing -= 1
                allowance -= 1
            for key, events in self.selector.select(timeout=tick):
                sock = key.fileobj
                if sock in self.connecting:
                    self.connected(sock)
                elif events & selectors.EVENT_READ:
                    self.answered(sock)
            now = time.monotonic()
            for sock, due in list(self.next_byte.items()):
                if due <= now:
                    try:
                        sock.send(b"x")
                        self.next_byte[sock] = now + BYTE_EVERY
                    except OSError:
                        self.drop(sock, "closed_silently")
            held = len(self.next_byte)
            self.figures["most_held"] = max(self.figures["most_held"], held)
            if now - last_sample >= 1:
                self.held_samples.append(held)
                last_sample = now
        for sock in list(self.next_byte) + list(self.connecting):
            sock.close()
        self.figures["held_median"] = sorted(self.held_samples)[len(self.held_samples) // 2] if self.held_samples else 0
        results.put(self.figures)


def run_slow_side(host, port, count, connect_rate, source, stop, results):
    raise_descriptor_limit()
    SlowSide(host, port, count, connect_rate, source).run(stop, results)


def normal_client(host, port, seconds, source):
    """GET /healthz and GET /login in turn, each on a new connection, for `seconds`."""
    latencies = {"/healthz": [], "/login": []}
    errors = []
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        path = "/healthz" if n % 2 == 0 else "/login"
        n += 1
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection(host, port, timeout=10, source_address=(source, 0) if source else None)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status != 200:
                errors.append(f"{path} answered {response.status}")
            else:
                latencies[path].append(time.monotonic() - started)
        except Exception as error:  # noqa: BLE001 - a refused or reset connection is what is counted
            errors.append(f"{path}: {error!r}")
        time.sleep(0.05)
    return latencies, errors


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


def metric(host, port, name):
    try:
        connection = http.client.HTTPConnection(host, port, timeout=5)
        connection.request("GET", "/metrics")
        for line in connection.getresponse().read().decode().splitlines():
            if line.startswith(name + " "):
                return line.split()[1]
    except OSError:
        pass
    return "?"


def run(label, host, port, args, source_slow, source_normal):
    print(f"== {label}: {args.slow} slow uploads from {source_slow or 'this host'}, "
          f"a normal client from {source_normal or 'this host'}, {args.seconds} s", flush=True)
    alone, alone_errors = normal_client(host, port, 3, source_normal)
    stop, results = multiprocessing.Event(), multiprocessing.Queue()
    slow = multiprocessing.Process(target=run_slow_side, args=(host, port, args.slow, args.connect_rate, source_slow, stop, results))
    slow.start()
    # Let the slow side reach its steady state: connected, sending, cut off and reconnecting.
    time.sleep(min(15, max(5, args.slow / args.connect_rate + 5)))
    open_before = metric(host, port, "cpor_http_open_connections")
    latencies, errors = normal_client(host, port, args.seconds, source_normal)
    open_after = metric(host, port, "cpor_http_open_connections")
    stop.set()
    figures = results.get(timeout=60)
    slow.join(timeout=30)

    alone_all = alone["/healthz"] + alone["/login"]
    print(f"normal client alone:  p50 {percentile(alone_all, 0.5) * 1000:7.1f} ms   "
          f"p99 {percentile(alone_all, 0.99) * 1000:7.1f} ms   ({len(alone_all)} requests, {len(alone_errors)} errors)")
    every = []
    for path, values in latencies.items():
        every += values
        print(f"{'GET ' + path:<20}  p50 {percentile(values, 0.5) * 1000:7.1f} ms   p95 {percentile(values, 0.95) * 1000:7.1f} ms   "
              f"p99 {percentile(values, 0.99) * 1000:7.1f} ms   max {max(values, default=float('nan')) * 1000:7.1f} ms   ({len(values)} ok)")
    p99 = percentile(every, 0.99)
    print(f"{'all':<20}  p50 {percentile(every, 0.5) * 1000:7.1f} ms   p95 {percentile(every, 0.95) * 1000:7.1f} ms   "
          f"p99 {p99 * 1000:7.1f} ms   errors {len(errors)}" + (f", e.g. {errors[:3]}" if errors else ""))
    print(f"slow side: {figures['opened']} connections opened, held {figures['held_median']} (median) / "
          f"{figures['most_held']} (most) at once; {figures['refused_503']} refused with 503, {figures['cut_408']} cut off "
          f"with 408, {figures['closed_silently']} closed without an answer, {figures['connect_failed']} failed to connect; "
          f"server's open connections {open_before} as the normal client started, {open_after} as it ended", flush=True)
    met = not errors and p99 < TARGET_P99 and every
    print(("PASS" if met else "FAIL") + f": target p99 under {TARGET_P99:.0f} s with no errors", flush=True)
    return bool(met)


def start_server(binary, cap):
    folder = tempfile.mkdtemp(prefix="cpor-slow-clients-")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [binary, "serve", "--demo", "--port", str(port), "--db", os.path.join(folder, "cpor.sqlite"),
               "--timer-interval", "3600"]
    if cap is not None:
        command += ["--max-connections-per-address", str(cap)]
    log = open(os.path.join(folder, "out.log"), "w")
    server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                break
        except OSError:
            time.sleep(0.1)
    return server, port, folder, log


def stop_server(server, folder, log):
    server.terminate()
    server.wait(timeout=60)
    log.close()
    with open(os.path.join(folder, "out.log")) as lines:
        reports = [line.strip() for line in lines if "connection pressure" in line]
    for line in reports[-3:]:
        print("server log: " + line)
    subprocess.run(["rm", "-rf", folder], check=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", nargs="?")
    parser.add_argument("--url")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--slow", type=int, default=4000)
    parser.add_argument("--connect-rate", type=int, default=1000)
    parser.add_argument("--cap", type=int, help="run once, with this --max-connections-per-address")
    args = parser.parse_args()
    if not args.binary and not args.url:
        parser.error("give a cpor binary or --url")
    limit = raise_descriptor_limit()
    if limit < args.slow + 100:
        print(f"warning: only {limit} descriptors may be open here; raise `ulimit -Hn`", flush=True)

    results = []
    if args.url:
        url = urllib.parse.urlsplit(args.url)
        host, port = url.hostname, url.port or 80
        loopback = host.startswith("127.") or host == "localhost"
        results.append(run(f"{args.url}", host, port, args,
                           SLOW_SOURCE if loopback else None, NORMAL_SOURCE if loopback else None))
    else:
        binary = os.path.abspath(args.binary)
        caps = [args.cap] if args.cap is not None else [None, args.slow * 25]
        for cap in caps:
            server, port, folder, log = start_server(binary, cap)
            label = "default per-address cap" if cap is None else f"--max-connections-per-address {cap}"
            try:
                results.append(run(label, "127.0.0.1", port, args, SLOW_SOURCE, NORMAL_SOURCE))
            finally:
                stop_server(server, folder, log)
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()

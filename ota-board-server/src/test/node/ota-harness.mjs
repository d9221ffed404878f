#!/usr/bin/env node
// The board of the tests: our MicroPython OTA server (src/main/micropython/ota) running in MicroPython's
// WebAssembly build, behind a real TCP port on 127.0.0.1.
//
// The main thread owns the port and does the real I/O; a worker thread runs MicroPython. MicroPython's
// socket calls block the worker (Atomics.wait) while the main thread serves them, which is how a board's
// blocking sockets behave. See --help.

import net from "node:net";
import path from "node:path";
import fs from "node:fs";
import { Worker, MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PACKAGE = "@micropython/micropython-webassembly-pyscript";

const USAGE = `Usage: node ota-harness.mjs --password PASSWORD [options]

Runs the ota OTA server in MicroPython (WebAssembly) on 127.0.0.1 and prints "READY <port>".

Options:
  --password TEXT      the OTA password of the board (required)
  --port N             TCP port on 127.0.0.1 (default 0: any free port)
  --root DIR           the board's filesystem: loaded from DIR at start, written back to DIR after
                       every session (DIR then mirrors the board: files the board lacks are removed)
  --once               serve one connection, then exit
  --timeout-ms N       the board's timeout on every receive and send (default 10000, as on a board)
  --free-bytes N       the free space the board reports (default: what its filesystem reports)
  --free-heap N        the free heap the board reports to the server's check before an update (default:
                       gc.mem_free(), which in this build never runs short)
  --power-loss-at STEP cut the power at STEP of the first update, then boot again:
                       staged (inflated, no journal yet), journal (journal written, nothing moved),
                       moved:N (N files moved into place)
  --os-error-at moving:N
                       the filesystem refuses to move file N into place (OSError ENOSPC) during the
                       first update and again at the boot after it, as a full filesystem would
  --heap-kib N         MicroPython's initial heap in KiB (default 192, about what an ESP32 without PSRAM has).
                       This WebAssembly build grows its heap rather than fail, so N is no limit: --heap
                       measures what the server needs instead
  --heap               print the server's heap (HEAP lines below)
  --frozen             as a firmware with the server frozen in: every module of the server is loaded at
                       start and its files removed, so nothing is compiled during a session and the
                       phases' HEAP figures above the import's are what the updates themselves take
  --import-only        load the server (and with --frozen, all of it), print HEAP import, and exit
  --v1 on|off          off: refuse every v1 client, serve only protocol v2 (default on)
  --window-bits N      the deflate window a v2 board announces, 9..15 (default 15)
  --iterations N       the PBKDF2 iterations of the v2 key, 1000..10000000 (default 10000)
  --server DIR         the folder that holds the ota package (default: src/main/micropython)
  --help               this text

Lines on standard output:
  READY <port>                 listening; connect now
  ota: ...                     the server's own log
  SESSION <n> <outcome>        a connection ended (updated, unchanged, failed, refused, power-loss) and, with
                               --root, the filesystem was written back
  RESET                        the board reset after UPDATE_SUCCESS
  POWER_LOSS <step>            the power was cut (--power-loss-at)
  HEAP import <bytes>          what importing the server holds (exact: measured after a collection)
                               All HEAP figures are bytes above what the interpreter and the harness hold before
                               the server is imported. The server runs one step of an update at a time
                               (Server.steps), and the heap is collected between steps: what it holds at the start
                               of a step is exact, and within a step, where this build never collects, the most
                               gc.mem_alloc() reaches is an upper bound
  HEAP phase <name> <bytes> <modules>
                               the most the server's heap reached during a phase of an update (accept, auth,
                               metadata, payload, inflate, apply; an upper bound), and the modules
                               of the server (ota.*) loaded at the end of any of its steps
  HEAP session <n> <bytes>     the most the server's heap reached during session n (upper bound)
  HEAP held <bytes>            what the server holds between two sessions (exact)
  BOOT <recovery>              the board booted: clean, finished, discarded, unreadable (the journal),
                               invalid (the journal lists a path that an update may not write) or
                               abandoned (finishing the update failed)
`;

function fail(message) {
  process.stderr.write(`ota-harness: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = {
    password: null, port: 0, root: null, once: false, timeoutMs: 10000, freeBytes: null,
    powerLossAt: null, osErrorAt: null, heapKib: 192, v1: true, windowBits: 15, iterations: 10000, heap: false, frozen: false, freeHeap: null, importOnly: false, server: path.resolve(HERE, "../../main/micropython"),
  };
  const integer = (name, text, min) => {
    if (text === undefined || !/^\d+$/.test(text) || Number(text) < min) {
      fail(`${name} needs a whole number of at least ${min}, received ${text === undefined ? "nothing" : JSON.stringify(text)}`);
    }
    return Number(text);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${arg} needs a value (see --help)`);
      return argv[++i];
    };
    switch (arg) {
      case "--password": options.password = value(); break;
      case "--port": options.port = integer(arg, value(), 0); if (options.port > 65535) fail("--port must be at most 65535"); break;
      case "--root": options.root = path.resolve(value()); break;
      case "--once": options.once = true; break;
      case "--timeout-ms": options.timeoutMs = integer(arg, value(), 1); break;
      case "--free-bytes": options.freeBytes = integer(arg, value(), 0); break;
      case "--power-loss-at": {
        const step = value();
        if (!/^(staged|journal|moved:[1-9]\d*)$/.test(step)) {
          fail(`--power-loss-at takes staged, journal or moved:N, received ${JSON.stringify(step)}`);
        }
        options.powerLossAt = step;
        break;
      }
      case "--os-error-at": {
        const step = value();
        if (!/^moving:[1-9]\d*$/.test(step)) fail(`--os-error-at takes moving:N, received ${JSON.stringify(step)}`);
        options.osErrorAt = step;
        break;
      }
      case "--heap-kib": options.heapKib = integer(arg, value(), 1); break;
      case "--v1": {
        const v = value();
        if (v !== "on" && v !== "off") fail(`--v1 takes on or off, received ${JSON.stringify(v)}`);
        options.v1 = v === "on";
        break;
      }
      case "--window-bits":
        options.windowBits = integer(arg, value(), 9);
        if (options.windowBits > 15) fail("--window-bits must be at most 15");
        break;
      case "--iterations": options.iterations = integer(arg, value(), 1000); break;
      case "--heap": options.heap = true; break;
      case "--frozen": options.frozen = true; break;
      case "--free-heap": options.freeHeap = integer(arg, value(), 0); break;
      case "--import-only": options.importOnly = true; break;
      case "--server": options.server = path.resolve(value()); break;
      case "--help": case "-h": process.stdout.write(USAGE); process.exit(0); break;
      default: fail(`unknown option ${JSON.stringify(arg)} (see --help)`);
    }
  }
  if (!options.password) fail("--password is required: the OTA password that clients must answer the challenge with");
  if (options.root !== null && !fs.existsSync(options.root)) {
    fs.mkdirSync(options.root, { recursive: true });
  }
  if (options.root !== null && !fs.statSync(options.root).isDirectory()) fail(`--root ${options.root} is not a folder`);
  if (!fs.existsSync(path.join(options.server, "ota", "__init__.py"))) {
    fail(`--server ${options.server} does not hold the ota package (ota/__init__.py)`);
  }
  if (!fs.existsSync(path.join(HERE, "node_modules", ...PACKAGE.split("/")))) {
    fail(`${PACKAGE} is not installed; run: npm ci --prefix ${path.relative(process.cwd(), HERE) || "."}`);
  }
  return options;
}

/** One accepted TCP connection, with what it received and not yet handed to MicroPython. */
class Connection {
  constructor(id, socket) {
    this.id = id;
    this.socket = socket;
    this.chunks = [];
    this.buffered = 0;
    this.ended = false;
    this.error = null;
    this.timeoutMs = null;
    this.waiter = null;
    socket.setNoDelay(true);
    socket.on("data", (chunk) => { this.chunks.push(chunk); this.buffered += chunk.length; this.wake(); });
    socket.on("end", () => { this.ended = true; this.wake(); });
    socket.on("error", (e) => { this.error = e.code || e.message; this.wake(); });
    socket.on("close", () => { this.ended = true; this.wake(); });
  }

  wake() {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w();
    }
  }

  take(n) {
    const parts = [];
    let want = n;
    while (want > 0 && this.chunks.length > 0) {
      const head = this.chunks[0];
      if (head.length <= want) {
        parts.push(head);
        this.chunks.shift();
        want -= head.length;
      } else {
        parts.push(head.subarray(0, want));
        this.chunks[0] = head.subarray(want);
        want = 0;
      }
    }
    const data = Buffer.concat(parts);
    this.buffered -= data.length;
    return data;
  }

  /** A board's blocking recv: data when there is some, else EOF, an error, or a timeout. */
  recv(n, reply) {
    const answer = () => {
      if (this.buffered > 0) return reply({ data: this.take(n).toString("hex") });
      if (this.error) return reply({ error: this.error });
      if (this.ended) return reply({ data: "" });
      return false;
    };
    if (answer() !== false) return;
    let timer = null;
    if (this.timeoutMs !== null) {
      timer = setTimeout(() => { this.waiter = null; reply({ timeout: true }); }, this.timeoutMs);
    }
    this.waiter = () => { if (timer) clearTimeout(timer); answer(); };
  }

  send(hex, reply) {
    if (this.error || this.socket.destroyed || !this.socket.writable) {
      return reply({ error: this.error || "EPIPE" });
    }
    const data = Buffer.from(hex, "hex");
    this.socket.write(data);
    reply({ n: data.length });
  }

  close() {
    this.socket.end();
    // A client that never closes its side must not keep the socket forever.
    setTimeout(() => this.socket.destroy(), 2000).unref();
  }
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const waiting = [];           // accepted connections that MicroPython has not accepted yet
  let acceptWaiter = null;
  const connections = new Map();
  let nextId = 1;

  const reply = (message) => {
    port1.postMessage(message);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  };

  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    const conn = new Connection(nextId++, socket);
    connections.set(conn.id, conn);
    socket.on("close", () => { if (!waiting.includes(conn)) connections.delete(conn.id); });
    waiting.push(conn);
    if (acceptWaiter) {
      const w = acceptWaiter;
      acceptWaiter = null;
      w();
    }
  });
  server.on("error", (e) => fail(`cannot listen on 127.0.0.1:${options.port}: ${e.message}`));

  const worker = new Worker(path.join(HERE, "board-worker.mjs"), {
    workerData: { options, signal, port: port2, here: HERE },
    transferList: [port2],
    stdout: false,
    stderr: false,
  });

  let exiting = false;
  const exit = (code) => {
    if (exiting) return;
    exiting = true;
    server.close();
    for (const c of connections.values()) c.socket.destroy();
    worker.terminate().finally(() => process.exit(code));
  };

  const handle = (msg) => {
    switch (msg.op) {
      case "stdout": process.stdout.write(msg.text + "\n"); break;
      case "stderr": process.stderr.write(msg.text + "\n"); break;
      case "started":
        server.listen(options.port, "127.0.0.1", () => {
          process.stdout.write(`READY ${server.address().port}\n`);
          reply({});
        });
        break;
      case "accept": {
        const give = () => {
          const conn = waiting.shift();
          const peer = `${conn.socket.remoteAddress}:${conn.socket.remotePort}`;
          reply({ id: conn.id, peer });
        };
        if (waiting.length > 0) give(); else acceptWaiter = give;
        break;
      }
      case "recv": {
        const conn = connections.get(msg.id);
        if (!conn) reply({ error: "EBADF" }); else conn.recv(msg.n, reply);
        break;
      }
      case "send": {
        const conn = connections.get(msg.id);
        if (!conn) reply({ error: "EBADF" }); else conn.send(msg.hex, reply);
        break;
      }
      case "settimeout": {
        const conn = connections.get(msg.id);
        if (conn) conn.timeoutMs = msg.ms;
        reply({});
        break;
      }
      case "close": {
        const conn = connections.get(msg.id);
        if (conn) {
          conn.close();
          connections.delete(msg.id);
        }
        reply({});
        break;
      }
      case "exit": exit(msg.code); break;
      default: process.stderr.write(`ota-harness: unknown request ${JSON.stringify(msg)}\n`); exit(1);
    }
  };
  port1.on("message", handle);
  // The worker's exit can be told before the messages it posted last (its output) are handled: those are taken
  // from the port first, so that no line is lost.
  const drain = () => {
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) handle(m.message);
  };
  worker.on("error", (e) => { drain(); process.stderr.write(`ota-harness: the MicroPython worker failed: ${e.stack || e}\n`); exit(1); });
  worker.on("exit", (code) => { drain(); if (!exiting) exit(code === 0 ? 0 : 1); });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => exit(0));
}

main();

// The worker thread of ota-harness.mjs: runs MicroPython and gives it a blocking network module.
// Every network call posts a request to the main thread and sleeps in Atomics.wait until the answer is
// there, so MicroPython sees the blocking sockets of a board.

import fs from "node:fs";
import path from "node:path";
import { workerData, receiveMessageOnPort } from "node:worker_threads";
import { webcrypto } from "node:crypto";
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";

const { options, signal, port, here } = workerData;
const BOARD = "/board";
const SERVER = "/server";

function call(request) {
  Atomics.store(signal, 0, 0);
  port.postMessage(request);
  for (;;) {
    Atomics.wait(signal, 0, 0);
    const answer = receiveMessageOnPort(port);
    if (answer) {
      Atomics.store(signal, 0, 0);
      return answer.message;
    }
    // Woken before the message could be read: wait a moment for it.
    Atomics.wait(signal, 0, 1, 5);
  }
}

// Error codes that the Python side turns into OSError.
const TIMEOUT = -1;
const BROKEN = -2;

const peerOf = new Map();

const network = {
  accept: () => {
    const a = call({ op: "accept" });
    peerOf.set(a.id, a.peer);
    return a.id;
  },
  peer: (id) => peerOf.get(id) || "?",
  recv: (id, n) => {
    const a = call({ op: "recv", id, n });
    if (a.timeout) return TIMEOUT;
    if (a.error) return BROKEN;
    return a.data;
  },
  send: (id, hex) => {
    const a = call({ op: "send", id, hex });
    return a.error ? BROKEN : a.n;
  },
  settimeout: (id, ms) => { call({ op: "settimeout", id, ms: ms < 0 ? null : ms }); },
  close: (id) => { call({ op: "close", id }); },
  started: () => { call({ op: "started" }); },
  urandom: (n) => Buffer.from(webcrypto.getRandomValues(new Uint8Array(n))).toString("hex"),
  dump: () => { if (options.root !== null) dump(); },
  password: options.password,
  once: options.once,
  timeout_ms: options.timeoutMs,
  free_bytes: options.freeBytes === null ? -1 : options.freeBytes,
  power_loss_at: options.powerLossAt || "",
  os_error_at: options.osErrorAt || "",
  v1: options.v1,
  window_bits: options.windowBits,
  iterations: options.iterations,
  heap: options.heap,
  frozen: options.frozen,
  free_heap: options.freeHeap === null ? -1 : options.freeHeap,
};
let FS = null;

function copyIn(hostDir, mpDir) {
  for (const entry of fs.readdirSync(hostDir, { withFileTypes: true })) {
    const host = path.join(hostDir, entry.name);
    const mp = `${mpDir}/${entry.name}`;
    if (entry.isDirectory()) {
      FS.mkdir(mp);
      copyIn(host, mp);
    } else if (entry.isFile()) {
      FS.writeFile(mp, fs.readFileSync(host));
    }
  }
}

/** Mirrors the board's filesystem into --root: same files, same bytes, nothing else. */
function dump() {
  const mirror = (mpDir, hostDir) => {
    const names = new Set(FS.readdir(mpDir).filter((n) => n !== "." && n !== ".."));
    for (const entry of fs.readdirSync(hostDir, { withFileTypes: true })) {
      const mp = `${mpDir}/${entry.name}`;
      const keep = names.has(entry.name) && (FS.isDir(FS.stat(mp).mode) === entry.isDirectory());
      if (!keep) fs.rmSync(path.join(hostDir, entry.name), { recursive: true, force: true });
    }
    for (const name of names) {
      const mp = `${mpDir}/${name}`;
      const host = path.join(hostDir, name);
      if (FS.isDir(FS.stat(mp).mode)) {
        fs.mkdirSync(host, { recursive: true });
        mirror(mp, host);
      } else {
        const data = FS.readFile(mp);
        if (!fs.existsSync(host) || !Buffer.from(data).equals(fs.readFileSync(host))) {
          fs.writeFileSync(host, data);
        }
      }
    }
  };
  mirror(BOARD, options.root);
}

const stdout = (text) => port.postMessage({ op: "stdout", text });
const stderr = (text) => port.postMessage({ op: "stderr", text });

try {
  const mp = await loadMicroPython({ heapsize: options.heapKib * 1024, stdout, stderr });
  FS = mp.FS;
  FS.mkdir(BOARD);
  FS.mkdir(SERVER);
  copyIn(options.server, SERVER);
  if (options.root !== null) copyIn(options.root, BOARD);
  mp.registerJsModule("harness_net", network);
  // Every runPython call below starts with the collection that the call before asked for (gc.collect() only asks
  // for one in this build), so the heap read at its start is what the board holds: see board.py's Heap.
  mp.runPython(fs.readFileSync(path.join(here, "board.py"), "utf8") + "\ngc.collect()");
  mp.runPython("heap.base = gc.mem_alloc()\nload()\ngc.collect()");
  mp.runPython("held('import')");
  if (!options.importOnly) {
    mp.runPython("start()\ngc.collect()");
    while (mp.globals.get("running")) {
      mp.runPython("step()");
      if (mp.globals.get("steps") === null) mp.runPython("held('held')");
    }
  }
  port.postMessage({ op: "exit", code: 0 });
} catch (e) {
  stderr(e && e.name === "PythonError" ? `ota-harness: MicroPython stopped: ${e.message}` : `ota-harness: ${e && e.stack || e}`);
  port.postMessage({ op: "exit", code: 1 });
}

#!/usr/bin/env node
// Runs one Python script in MicroPython's WebAssembly build, on a board filesystem that holds the ota package:
// for the tests of the server's parts that need no socket (settings, WiFi join). See --help.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";

const HERE = path.dirname(fileURLToPath(import.meta.url));

const USAGE = `Usage: node micropython-run.mjs [options] SCRIPT

Runs SCRIPT in MicroPython (WebAssembly) with the ota package importable and /board as the current folder.
Prints what the script prints; exits 0 when it ends, 1 when it raises (with the traceback on standard error).

Options:
  --board DIR     files that the board's filesystem (/board) starts with
  --lib DIR       modules for the board's /lib (on sys.path), e.g. stand-ins for firmware modules
  --server DIR    the folder that holds the ota package (default: src/main/micropython)
  --heap-kib N    MicroPython's initial heap in KiB (default 192); this build grows it on demand
  --help          this text
`;

function fail(message) {
  process.stderr.write(`micropython-run: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { board: null, lib: null, server: path.resolve(HERE, "../../main/micropython"), heapKib: 192, script: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${arg} needs a value (see --help)`);
      return argv[++i];
    };
    switch (arg) {
      case "--board": options.board = path.resolve(value()); break;
      case "--lib": options.lib = path.resolve(value()); break;
      case "--server": options.server = path.resolve(value()); break;
      case "--heap-kib": {
        const text = value();
        if (!/^\d+$/.test(text) || Number(text) < 1) fail(`--heap-kib needs a whole number of at least 1, received ${JSON.stringify(text)}`);
        options.heapKib = Number(text);
        break;
      }
      case "--help": case "-h": process.stdout.write(USAGE); process.exit(0); break;
      default:
        if (arg.startsWith("-")) fail(`unknown option ${JSON.stringify(arg)} (see --help)`);
        if (options.script !== null) fail(`one script only, received ${JSON.stringify(options.script)} and ${JSON.stringify(arg)}`);
        options.script = path.resolve(arg);
    }
  }
  if (options.script === null) fail("the script to run is missing (see --help)");
  for (const [name, dir] of [["--board", options.board], ["--lib", options.lib]]) {
    if (dir !== null && !(fs.existsSync(dir) && fs.statSync(dir).isDirectory())) fail(`${name} ${dir} is not a folder`);
  }
  if (!fs.existsSync(options.script)) fail(`the script ${options.script} does not exist`);
  if (!fs.existsSync(path.join(options.server, "ota", "__init__.py"))) {
    fail(`--server ${options.server} does not hold the ota package (ota/__init__.py)`);
  }
  return options;
}

function copyIn(FS, hostDir, mpDir) {
  for (const entry of fs.readdirSync(hostDir, { withFileTypes: true })) {
    const host = path.join(hostDir, entry.name);
    const mp = `${mpDir}/${entry.name}`;
    if (entry.isDirectory()) {
      FS.mkdir(mp);
      copyIn(FS, host, mp);
    } else if (entry.isFile()) {
      FS.writeFile(mp, fs.readFileSync(host));
    }
  }
}

const options = parseArgs(process.argv.slice(2));
const mp = await loadMicroPython({
  heapsize: options.heapKib * 1024,
  stdout: (text) => process.stdout.write(text + "\n"),
  stderr: (text) => process.stderr.write(text + "\n"),
});
for (const dir of ["/board", "/server", "/lib"]) mp.FS.mkdir(dir);
copyIn(mp.FS, options.server, "/server");
if (options.board !== null) copyIn(mp.FS, options.board, "/board");
if (options.lib !== null) copyIn(mp.FS, options.lib, "/lib");
try {
  mp.runPython('import os, sys\nsys.path.append("/server")\nos.chdir("/board")\n');
  mp.runPython(fs.readFileSync(options.script, "utf8"));
} catch (e) {
  process.stderr.write(e && e.name === "PythonError" ? `micropython-run: the script raised:\n${e.message}` : `micropython-run: ${e && e.stack || e}\n`);
  process.exitCode = 1;
}

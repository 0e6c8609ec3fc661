// The core issue's figures: start → first task, drop → task latency, pipeline throughput, idle memory
// and CPU of the whole process tree.
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:http";
import { watch } from "node:fs";
import { readdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  CLI,
  NODE_FLAGS,
  cleanEnv,
  freshVault,
  percentile,
  removeLater,
  sleep,
  startDaemon,
  stolenSeconds,
  stop,
  treeCpuSeconds,
  treeRssBytes,
} from "./support.js";

/** Time from starting the daemon to the task note of a file that was waiting in Inbox/. */
export async function startToFirstTask() {
  const vault = await freshVault();
  await writeFile(
    path.join(vault, "Inbox", "waiting.txt"),
    "a file that arrived while the employee was down",
  );
  const started = performance.now();
  const child = spawn(process.execPath, [...NODE_FLAGS, CLI, "run", "--vault", vault], {
    env: cleanEnv(),
    stdio: "ignore",
  });
  const folders = ["Needs_Action", "In_Progress/local", "Done"].map((folder) => path.join(vault, folder));
  let elapsed;
  for (let attempt = 0; attempt < 20_000 && elapsed === undefined; attempt += 1) {
    for (const folder of folders) {
      const names = await readdir(folder).catch(() => []);
      if (names.some((name) => name.startsWith("FILE_"))) elapsed = performance.now() - started;
    }
    if (elapsed === undefined) await sleep(1);
  }
  await stop(child);
  removeLater(vault);
  return elapsed;
}

/** Drop → task note latency over `count` sequential drops into a running daemon. */
export async function dropToTask(count) {
  const vault = await freshVault();
  const daemon = await startDaemon(vault);
  const staging = path.join(vault, ".staging");
  await import("node:fs/promises").then((fs) => fs.mkdir(staging));
  const latencies = [];
  const seen = new Map();
  const watcher = watch(path.join(vault, "Needs_Action"), (_event, name) => {
    const match = name && /^FILE_drop-(\d+)-txt_/.exec(name);
    if (match && !seen.has(match[1])) seen.set(match[1], performance.now());
  });
  for (let index = 0; index < count; index += 1) {
    const staged = path.join(staging, `drop-${index}.txt`);
    await writeFile(staged, `drop number ${index}`);
    const dropped = performance.now();
    await rename(staged, path.join(vault, "Inbox", `drop-${index}.txt`));
    for (let wait = 0; wait < 5_000 && !seen.has(String(index)); wait += 1) await sleep(1);
    if (seen.has(String(index))) latencies.push(seen.get(String(index)) - dropped);
  }
  watcher.close();
  await stop(daemon);
  removeLater(vault);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), measured: latencies.length };
}

/** Tasks per second through to approval requests: `count` messages waiting, one `run --once`. */
export async function throughput(count) {
  const vault = await freshVault();
  for (let index = 0; index < count; index += 1) {
    await writeFile(
      path.join(vault, "Inbox", `request-${index}.txt`),
      `From: Ana Costa <ana@client-a.example>\nSubject: Invoice ${index}\n\nPlease send the invoice for ${index + 1} hours of consulting.\n`,
    );
  }
  // The drops were waiting on disk, as after a while away: their writeback is not the pipeline's.
  execFileSync("sync");
  const stolenBefore = stolenSeconds();
  const started = performance.now();
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, CLI, "run", "--once", "--vault", vault], {
      env: cleanEnv(),
      stdio: "ignore",
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`run --once exited ${code}`))));
  });
  const seconds = (performance.now() - started) / 1000;
  const stolen = stolenBefore === undefined ? undefined : stolenSeconds() - stolenBefore;
  const requests = (await readdir(path.join(vault, "Pending_Approval"))).length;
  removeLater(vault);
  return { tasksPerSecond: count / seconds, seconds, requests, stolen };
}

/**
 * Resident memory of the daemon's process tree once idle, its CPU use over `seconds` of idleness, and the
 * calls it made to a configured model meanwhile (a counting server stands in for the model: idle must
 * mean none).
 */
export async function idle(seconds) {
  let modelCalls = 0;
  const model = createServer((request, response) => {
    modelCalls += 1;
    response.writeHead(503).end();
  });
  await new Promise((resolve) => model.listen(0, "127.0.0.1", resolve));
  const vault = await freshVault();
  const daemon = await startDaemon(vault, { LLM_BASE_URL: `http://127.0.0.1:${model.address().port}/v1` });
  // Start-up finishes in the background: the first pass, the dashboard, and V8's memory reducer, which
  // runs a last full garbage collection some ten seconds after start. Idle is measured after that.
  await sleep(25_000);
  const callsBefore = modelCalls;
  const cpuBefore = treeCpuSeconds(daemon.pid);
  const wallBefore = performance.now();
  await sleep(seconds * 1000);
  const cpuPercent =
    ((treeCpuSeconds(daemon.pid) - cpuBefore) / ((performance.now() - wallBefore) / 1000)) * 100;
  const rss = treeRssBytes(daemon.pid);
  await stop(daemon);
  model.close();
  removeLater(vault);
  return { rssMb: rss / 1024 / 1024, cpuPercent, modelCalls: modelCalls - callsBefore };
}

/**
 * @module A private Dovecot IMAP server for tests: started from a temp directory on a loopback port
 * (`dovecot -F -c <temp config>`), one passwd-file user, plaintext login allowed (loopback only),
 * maildir storage, Drafts and Sent folders. Further users are handed out while it runs (all
 * provisioned up front), so a test file starts one server and gives each test its own mailbox.
 * Mail is delivered with IMAP APPEND; UIDVALIDITY can be changed with `doveadm`. Not a fake: the real
 * server, so the watcher meets real IMAP.
 *
 * @example
 * const dovecot = await startDovecot();
 * await dovecot.deliver(rawMessage);
 * await dovecot.close();
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { accounts, dovecotConfig } from "./dovecot-config.js";

export const DOVECOT_BINARY = "/usr/sbin/dovecot";
const DOVEADM_BINARY = "/usr/bin/doveadm";

export function dovecotAvailable(): boolean {
  return existsSync(DOVECOT_BINARY);
}

/** Which mailbox owner a call is for; the first user when omitted. */
export interface AsUser {
  user?: string;
}

export interface DovecotServer {
  host: "127.0.0.1";
  port: number;
  url: string;
  /** The first user and its password. */
  user: string;
  password: string;
  /** The temp directory holding config, mail and logs. */
  directory: string;
  /** Hands out another user, with an empty mailbox. */
  addUser(): Promise<{ user: string; password: string }>;
  /** APPENDs a raw message; returns its UID. */
  deliver(
    raw: string | Buffer,
    options?: AsUser & { mailbox?: string; flags?: string[]; date?: Date },
  ): Promise<number>;
  /** Reads every message of a mailbox (raw sources with flags), for assertions. */
  messages(mailbox: string, options?: AsUser): Promise<{ uid: number; flags: string[]; source: string }[]>;
  /** Sets a mailbox's UIDVALIDITY, as a server does when it rebuilds its index. */
  setUidValidity(mailbox: string, value: number, options?: AsUser): Promise<void>;
  uidValidity(mailbox: string, options?: AsUser): Promise<number>;
  close(): Promise<void>;
}

/** Users (mailboxes) a server can hand out with `addUser`: one per test of a file, with room to spare. */
const PROVISIONED_USERS = 32;
/** Dovecot is up within a second; this bounds a broken start. */
const START_TIMEOUT_MS = 10_000;
/** Between readiness probes. */
const PROBE_INTERVAL_MS = 50;
/** A port picked free may be taken by the time Dovecot binds it; try again with another. */
const START_ATTEMPTS = 3;
/** Dovecot stops its children on SIGTERM at once; SIGKILL after this. */
const STOP_TIMEOUT_MS = 5_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForGreeting(
  port: number,
  child: ChildProcess,
  logFile: string,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("data", (data) => {
        socket.destroy();
        resolve(data.toString().startsWith("* OK"));
      });
      socket.once("error", () => resolve(false));
    });
    if (greeted) return;
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
  }
  const log = await readFile(logFile, "utf8").catch(() => "(no log)");
  throw new Error(`Dovecot did not start on port ${port}:\n${stderr()}\n${log.slice(-2000)}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

export async function startDovecot(
  options: { user?: string; password?: string } = {},
): Promise<DovecotServer> {
  const user = options.user ?? "alice";
  const password = options.password ?? "correct horse battery";
  const users = accounts();
  const directory = await mkdtemp(path.join(os.tmpdir(), "dovecot-"));
  // Dovecot's unprivileged processes must reach the config, the passwd file and the mail below it.
  await chmod(directory, 0o755);
  for (const folder of ["run", "state", "mail", "home"]) await mkdir(path.join(directory, folder));
  for (const folder of ["mail", "home"])
    await chown(path.join(directory, folder), users.mail.uid, users.mail.gid);
  // Every user exists from the start: Dovecot notices a changed passwd-file only by its timestamp, and a
  // user added within the same second is refused, so users are handed out rather than created.
  const passwords = new Map([[user, password]]);
  for (let index = 2; index <= PROVISIONED_USERS; index += 1)
    passwords.set(`user${index}`, `password-${index}`);
  const spare = [...passwords.keys()].slice(1);
  const writePasswd = () =>
    writeFile(
      path.join(directory, "passwd"),
      [...passwords].map(([name, secret]) => `${name}:{PLAIN}${secret}::::::\n`).join(""),
      { mode: 0o644 },
    );
  await writePasswd();
  const configFile = path.join(directory, "dovecot.conf");

  let child: ChildProcess | undefined;
  let port = 0;
  for (let attempt = 1; attempt <= START_ATTEMPTS && !child; attempt += 1) {
    port = await freePort();
    await writeFile(configFile, dovecotConfig(directory, port, users), { mode: 0o644 });
    const started = spawn(DOVECOT_BINARY, ["-F", "-c", configFile], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    started.stderr?.on("data", (chunk: Buffer) => {
      // Dovecot writes only start-up errors here; bounded all the same.
      if (stderr.length < 10_000) stderr += chunk.toString();
    });
    try {
      await waitForGreeting(port, started, path.join(directory, "dovecot.log"), () => stderr);
      child = started;
    } catch (error) {
      await stop(started);
      if (attempt === START_ATTEMPTS) {
        await rm(directory, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const server = child as ChildProcess;

  async function withClient<T>(as: AsUser, work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const name = as.user ?? user;
    const client = new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: name, pass: passwords.get(name) ?? "" },
      logger: false,
      disableAutoIdle: true,
    });
    client.on("error", () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  function doveadm(args: string[]): string {
    const result = spawnSync(DOVEADM_BINARY, ["-c", configFile, ...args], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`doveadm ${args.join(" ")} failed: ${result.stderr}`);
    return result.stdout;
  }

  return {
    host: "127.0.0.1",
    port,
    url: `imap://127.0.0.1:${port}`,
    user,
    password,
    directory,
    async addUser() {
      const next = spare.shift();
      if (next === undefined)
        throw new Error(`the test Dovecot has ${PROVISIONED_USERS} users; start it with more`);
      return { user: next, password: passwords.get(next) ?? "" };
    },
    async deliver(raw, deliverOptions = {}) {
      return withClient(deliverOptions, async (client) => {
        const appended = await client.append(
          deliverOptions.mailbox ?? "INBOX",
          raw,
          deliverOptions.flags ?? [],
          deliverOptions.date,
        );
        if (!appended || appended.uid === undefined) throw new Error("APPEND did not report a UID");
        return appended.uid;
      });
    },
    async messages(mailbox, as = {}) {
      return withClient(as, async (client) => {
        const lock = await client.getMailboxLock(mailbox);
        try {
          if (!client.mailbox || client.mailbox.exists === 0) return [];
          const found = await client.fetchAll("1:*", { uid: true, flags: true, source: true });
          return found.map((message) => ({
            uid: message.uid,
            flags: [...(message.flags ?? [])],
            source: message.source?.toString("utf8") ?? "",
          }));
        } finally {
          lock.release();
        }
      });
    },
    async setUidValidity(mailbox, value, as = {}) {
      doveadm(["mailbox", "update", "-u", as.user ?? user, "--uid-validity", String(value), mailbox]);
    },
    async uidValidity(mailbox, as = {}) {
      const output = doveadm(["mailbox", "status", "-u", as.user ?? user, "uidvalidity", mailbox]);
      return Number(/uidvalidity=(\d+)/.exec(output)?.[1] ?? Number.NaN);
    },
    async close() {
      await stop(server);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { lacksBundles } from "../../scripts/bundles.mjs";
import { serverEnv } from "../../scripts/server-env.mjs";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export type StartOptions = {
  /**
   * Runs the server in a session of its own, as `npm start` in its own terminal or a service does.
   * Linux shares CPU between sessions first (autogroup scheduling), then between the threads
   * inside each; in the caller's session the server's nice-10 writer competed thread for thread
   * with the caller's own load generator (a fresh million: 8,331–8,876 spans/s in three runs
   * that way, 9,474, 9,615 and 9,832 in its own). Such a server does not get the terminal's
   * Ctrl-C, so it is killed when this process exits.
   */
  ownSession?: boolean;
};

/** Starts the production build (scripts/serve.mjs, as `npm start` does) on 127.0.0.1 with the given environment. */
export async function startNextServer(env: Record<string, string>, options: StartOptions = {}): Promise<{ origin: string; pid: number; close(): Promise<void> }> {
  const root = path.resolve(__dirname, "../..");
  if (!fs.existsSync(path.join(root, process.env.SPANBOARD_DIST_DIR || ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` first (npm test does it for you)");
  }
  // A build made with plain `next build` has no worker bundle (it would serve the API inline), nor the direct path.
  if (lacksBundles(path.join(root, process.env.SPANBOARD_DIST_DIR || ".next"))) {
    const bundled = spawnSync(process.execPath, [path.join(root, "scripts", "build-worker.mjs")], { cwd: root, encoding: "utf8" });
    if (bundled.status !== 0) throw new Error(`bundling the embedded API worker failed:\n${bundled.stderr}`);
  }
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], {
    cwd: root,
    // The environment `npm start` gives the server (scripts/server-env.mjs), so memory is measured as run.
    env: serverEnv({ ...process.env, ...env, HOST: "127.0.0.1", PORT: String(port) }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.ownSession === true,
  });
  if (options.ownSession) killOnExit(child);
  let output = "";
  const origin = `http://127.0.0.1:${port}`;
  // Ready when Next says so on stdout (it listens by then); an early exit or 60 s of silence fails.
  await new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server did not become ready within 60 s:\n${output}`));
    }, 60_000);
    const onData = (d: Buffer) => {
      output += d;
      if (/Ready in/.test(output)) {
        clearTimeout(deadline);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d: Buffer) => (output += d));
    child.once("exit", () => {
      clearTimeout(deadline);
      reject(new Error(`the server exited early:\n${output}`));
    });
  });
  return {
    origin,
    pid: child.pid!,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Kills a detached child when this process exits, on its own or by SIGINT / SIGTERM. */
function killOnExit(child: ChildProcess): void {
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  const onSignal = (signal: NodeJS.Signals) => {
    kill();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("exit", kill);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  child.once("exit", () => {
    process.off("exit", kill);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  });
}

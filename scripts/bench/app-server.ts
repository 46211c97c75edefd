/**
 * The built app for the Chromium hunt: `next build` when .next is missing or older than the
 * sources, then `next start` on a port of its own (default 3203), stopped when the bench ends.
 * An app already answering on the port is reused, as playwright.config.ts does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCE_DIRS = ['app', 'components', 'lib', 'public'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'next.config.js', 'tsconfig.json'];

/** Newest mtime (ms) of the files the build depends on. */
function newestSource(root: string): number {
  let newest = 0;
  const visit = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) visit(path.join(p, name));
    } else if (!/\.test\.tsx?$/.test(p)) {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) if (existsSync(path.join(root, d))) visit(path.join(root, d));
  for (const f of SOURCE_FILES) if (existsSync(path.join(root, f))) newest = Math.max(newest, statSync(path.join(root, f)).mtimeMs);
  return newest;
}

/** Why the build must be (re)made, or null when .next is current. */
export function buildStaleReason(root: string): string | null {
  const id = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(id)) return '.next is missing';
  return newestSource(root) > statSync(id).mtimeMs ? 'sources are newer than .next' : null;
}

function run(cmd: string, args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

export interface AppServer {
  origin: string;
  /** the server was already running (not started, not stopped, possibly an older build) */
  reused: boolean;
  stop: () => Promise<void>;
}

export async function startApp(root: string, port: number, log: (s: string) => void): Promise<AppServer> {
  const origin = `http://127.0.0.1:${port}`;
  if (await answers(origin)) {
    log(`app: reusing the server already answering on ${origin}\n`);
    return { origin, reused: true, stop: async () => {} };
  }
  const stale = buildStaleReason(root);
  if (stale) {
    log(`app: ${stale}: npm run build …\n`);
    await run('npm', ['run', 'build'], root);
  }
  // its own process group, so stop() ends npx and the next server under it, and nothing else
  const child: ChildProcess = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
  };
  const deadline = Date.now() + 90_000;
  while (!(await answers(origin))) {
    if (exited) throw new Error(`next start -p ${port} exited before answering`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start -p ${port} did not answer within 90 s`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  log(`app: next start on ${origin}\n`);
  return { origin, reused: false, stop };
}

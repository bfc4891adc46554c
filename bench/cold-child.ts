// One fresh process for group (2): the first script run ever, then warm runs, then node:vm.
// Prints one JSON line. The clock starts when runScript is called (host made, simulator listening)
// and stops when the script's first client call reaches the host ("compile + sandbox + first call").
// argv[2] 'warmed': the first script waits until the host's start-up warm-up is over (a server);
// 'fresh': the same on a machine that never compiled it (the parent gives an empty temp folder, so
// no compile cache); 'immediate': it starts right after new PayscriptHost (a one-shot CLI run), and
// the process-start figure (node start, imports, host, simulator, first script) is taken too.
// argv[3]: the folder the script is written to, the same for every process of a mode, so that a
// process after the first finds it compiled, as a restarted server or a desk's next run does.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
const importStart = performance.now();
const { PayscriptHost } = await import('../runtime/host/payscript-host.js');
const { SandboxHost } = await import('../runtime/sandbox/index.js');
const { startCsobSimulator } = await import('../runtime/simulators/csob/index.js');
const { compileUnit } = await import('../runtime/sandbox/compile.js');
const { privateCacheFile } = await import('../runtime/sandbox/private-cache.js');
const { businessScript } = await import('./business-script.js');
const { benchConfig, tempDir, removeTempDirs } = await import('./support.js');
const importMs = performance.now() - importStart;

const WARM_RUNS = 40;
const mode = process.argv[2] as 'warmed' | 'fresh' | 'immediate';
const scriptDir = process.argv[3]!;

// The first host call of each run, timed where the bindings receive it.
let firstCallAt: number | undefined;
const run = SandboxHost.prototype.run;
SandboxHost.prototype.run = function (request) {
  const host = request.host;
  return run.call(this, {
    ...request,
    host: (op, payload, ctx) => {
      firstCallAt ??= performance.now();
      return host(op, payload, ctx);
    },
  });
};

const simulator = await startCsobSimulator({ host: '127.0.0.1', port: 0, delayMs: 0, writeMode: 'whole' });
const dir = tempDir('cold');
const config = benchConfig(
  dir,
  [
    {
      id: 't',
      protocol: 'csob',
      host: simulator.host,
      port: simulator.port,
      terminalId: simulator.terminalId,
      timeoutSeconds: 60,
      options: {},
    },
  ],
  () => 'KASA1',
);
const source = businessScript();
const entry = join(scriptDir, 'Prikl_200.ts');
writeFileSync(entry, source);
const hostMadeAt = performance.now();
// As the CLI makes it: a one-shot run does not warm up and writes its journal inline; a server
// warms up and writes on the journal's writer thread.
const host = new PayscriptHost(config, {
  recoveryIntervalMs: 3_600_000,
  warmUp: mode !== 'immediate',
  journalWriting: mode === 'immediate' ? 'inline' : 'thread',
});
let warmUpMs: number | undefined;
if (mode !== 'immediate') {
  await host.warmedUp();
  warmUpMs = performance.now() - hostMadeAt;
}

async function timedRun(): Promise<{ firstCall: number; whole: number }> {
  firstCallAt = undefined;
  const t = performance.now();
  const report = await host.runScript(entry, { desk: { pc: 'KASA1' } });
  const end = performance.now();
  if (!report.ok || !report.logs[0]?.startsWith('paid '))
    throw new Error(`cold start script: ${report.error?.message ?? report.logs[0]}`);
  return { firstCall: firstCallAt! - t, whole: end - t };
}

// The 'fresh' figure claims a machine that never compiled a script: the cache must be empty.
const compiledCache = dirname(privateCacheFile('compiled', 'any'));
if (mode === 'fresh' && existsSync(compiledCache) && readdirSync(compiledCache).length > 0)
  throw new Error(`cold start 'fresh': ${compiledCache} already holds compiled scripts`);

const first = await timedRun();
// performance.now() counts from the process's start.
const processStartToFirstCall = firstCallAt!;
const warm: { firstCall: number; whole: number }[] = [];
// A cash desk's runs are seconds apart: each warm run starts once the previous one's tail (its
// journal commit, its connection closing, the next context made ahead) is over, so that it finds
// what the figure promises, a ready instance, rather than a worker still busy with the last run.
for (let i = 0; i < WARM_RUNS; i++) {
  await new Promise((resolve) => setTimeout(resolve, 20));
  warm.push(await timedRun());
}

// The unsandboxed reference: the same compiled JavaScript in a fresh node:vm context, the client
// classes replaced by a stub that only notes the first call (no terminal behind it).
const code = (await compileUnit(entry, source)).code;
const vmRuns: number[] = [];
for (let i = 0; i < WARM_RUNS + 10; i++) {
  let called: number | undefined;
  class TPaymentClient {
    constructor() {
      called ??= performance.now();
    }
    Execute() {
      return true;
    }
    Free() {}
    AuthorizationCode = '123456';
    LocalizedResponseDescription = '';
  }
  const t = performance.now();
  const context = vm.createContext({ TPaymentClient, console: { log() {} }, exports: {}, require() {} });
  new vm.Script(code, { filename: entry }).runInContext(context);
  if (i >= 10) vmRuns.push(called! - t); // the first ten warm V8 up
}

await host.close();
await simulator.close();
removeTempDirs();
process.stdout.write(JSON.stringify({ mode, importMs, warmUpMs, processStartToFirstCall, first, warm, vmRuns }) + '\n');

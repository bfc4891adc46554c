// Several host processes may share one journal (a desk's `payscript run`, the editor's server).
// A transaction another live process is sending is that process's business; one whose process is
// gone (killed, crashed, powered off) is for recovery to settle.
export function isOtherLiveProcess(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Entry of the journal's writer thread (writer-thread.ts): its own connection to the journal file,
// where it applies the writes the main thread posts, in their order, with their group commit.
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { journalUnavailable } from './journal-unavailable.js';
import { openJournalConnection } from './sqlite-connection.js';
import { SqliteWriter } from './sqlite-writer.js';
import { faultOf, type FromWriterThread, type ToWriterThread, type WriterThreadInit } from './writer-thread.js';

const port = parentPort;
if (!port) throw new Error('runtime/journal/journal-writer-thread must run in a worker thread');
const { path } = workerData as WriterThreadInit;
const post = (message: FromWriterThread) => port.postMessage(message);

try {
  const db = openJournalConnection(path);
  const writer = new SqliteWriter(db, dirname(path));
  port.on('message', (message: ToWriterThread) => {
    if (message.kind === 'close') {
      // Messages are taken in order: every write posted before the close is answered first.
      void writer.close().then(() => {
        db.close();
        port.close();
      });
      return;
    }
    const { id } = message;
    writer.write(message.write, message.durability).then(
      (written) => post({ kind: 'written', id, written }),
      (error: unknown) => post({ kind: 'failed', id, fault: faultOf(error) }),
    );
  });
} catch (error) {
  post({ kind: 'unusable', fault: faultOf(journalUnavailable(error, dirname(path))) });
  port.close();
}

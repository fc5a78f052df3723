// A real pgvector on loopback for the tests: PGlite (PostgreSQL in WASM) with the vector extension,
// served over the Postgres wire protocol. In-memory: every start is an empty database.
//
// PGlite does not authenticate: any user name and password are accepted, and every connection lands
// in the one database ("postgres") as its superuser. Known limit: COPY ... FROM STDIN breaks the
// connection, so code under test needs a non-COPY path here.
//
// Usage: node server.mjs [port] [host]   (defaults 54318, 127.0.0.1). Prints "ready <host>:<port>".
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const port = Number(process.argv[2] ?? 54318);
const host = process.argv[3] ?? '127.0.0.1';

const db = await PGlite.create({ extensions: { vector } });
await db.exec('CREATE EXTENSION IF NOT EXISTS vector;');

// Npgsql pools connections; the server multiplexes them onto the single PGlite session, one query at a time.
const server = new PGLiteSocketServer({ db, port, host, maxConnections: 64 });
await server.start();
console.log(`ready ${host}:${port}`);

const shutdown = async () => {
  try {
    await server.stop();
    await db.close();
  } finally {
    process.exit(0);
  }
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

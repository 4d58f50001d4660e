// For integration tests: a database of their own on the PostgreSQL server, so that other suites
// writing to the shared one at the same time cannot disturb what they assert.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

const onServer = async (serverUrl: string, statement: string) => {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
};

export const createTestDatabase = async (serverUrl: string) => {
  const name = `event_store_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
  };
};

import { Client } from 'pg';

/** A new, empty database on the PostgreSQL server of `adminUrl`, so each run starts clean. */
export const freshPostgresDatabase = async (adminUrl: string, prefix: string) => {
  const name = `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
};

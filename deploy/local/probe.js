// Asks a server to prove it is up, and prints what it reports about itself.
//   node probe.js kafka <brokers> | mongo <url> | pg <url> [--create-database NAME] [--sql FILE] | imap <url>
// Exits non-zero when the server does not answer; infra.sh polls it while servers start.
'use strict';

const [kind, address, ...rest] = process.argv.slice(2);
const TIMEOUT_MS = 3000;

const probes = {
  async kafka(brokers) {
    const { Kafka, logLevel } = require('kafkajs');
    const kafka = new Kafka({
      clientId: 'infra-probe',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
      connectionTimeout: TIMEOUT_MS,
      retry: { retries: 0 },
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      return `cluster ${cluster.clusterId}, ${cluster.brokers.length} broker(s), controller ${cluster.controller}`;
    } finally {
      await admin.disconnect();
    }
  },

  async imap(url) {
    const { ImapFlow } = require('imapflow');
    const { URL } = require('node:url');
    const { hostname, port, username, password } = new URL(url);
    const client = new ImapFlow({
      host: hostname,
      port: Number(port),
      secure: false,
      auth: { user: decodeURIComponent(username), pass: decodeURIComponent(password) },
      logger: false,
      connectionTimeout: TIMEOUT_MS,
    });
    await client.connect();
    try {
      return `IMAP ${client.serverInfo?.name ?? 'server'} ${client.serverInfo?.version ?? ''}`.trim();
    } finally {
      await client.logout();
    }
  },

  async mongo(url) {
    const { MongoClient } = require('mongoose').mongo;
    const client = new MongoClient(url, { serverSelectionTimeoutMS: TIMEOUT_MS });
    try {
      const info = await client.db('admin').command({ buildInfo: 1 });

      return `MongoDB wire ${info.version}`;
    } finally {
      await client.close();
    }
  },

  async pg(url) {
    const { Client } = require('pg');
    const client = new Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
    await client.connect();
    try {
      const createIndex = rest.indexOf('--create-database');
      if (createIndex >= 0) {
        const name = rest[createIndex + 1];
        const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '')}"`);
      }
      // Statements to run in this database once it answers (each file safe to run again).
      const sqlIndex = rest.indexOf('--sql');
      if (sqlIndex >= 0) await client.query(require('fs').readFileSync(rest[sqlIndex + 1], 'utf8'));
      const { rows } = await client.query('show server_version');
      return `PostgreSQL ${rows[0].server_version}`;
    } finally {
      await client.end();
    }
  },
};

if (!probes[kind] || !address) {
  console.error('usage: node probe.js kafka|mongo|pg <address> [--create-database NAME] [--sql FILE]');
  process.exit(2);
}
probes[kind](address).then(
  (info) => console.log(info),
  (error) => {
    console.error(`${kind} at ${address} does not answer: ${error.message}`);
    process.exit(1);
  },
);

// Reads every store the desk writes, as raw text, for a search for personal values.
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** Every row of the events table of each database, as JSON text. */
export const eventsTables = async (urls: string[]) => {
  const texts: string[] = [];
  for (const url of new Set(urls)) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ row: string }>(
        'select row_to_json(e)::text as row from events e',
      );
      texts.push(...rows.map((r) => r.row));
    } finally {
      await client.end();
    }
  }
  return texts;
};

/** Every document of every collection of each database, as JSON text. */
export const mongoDocuments = async (urls: string[]) => {
  const texts: string[] = [];
  for (const url of new Set(urls)) {
    const connection = await mongoose.createConnection(url).asPromise();
    try {
      for (const { name } of await connection.db!.listCollections().toArray())
        for (const document of await connection.db!.collection(name).find().toArray())
          texts.push(`${name} ${JSON.stringify(document)}`);
    } finally {
      await connection.close();
    }
  }
  return texts;
};

/** Every message of every topic on the broker from offset 0 to its end now, keys and values as text. */
export const everyTopicMessage = async (brokers: string, timeoutMs = 60000) => {
  const kafka = new Kafka({
    clientId: `pd-scan-${randomUUID().slice(0, 8)}`,
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `pd-scan-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10000, maxBytes: 10 * 1024 * 1024 });
  const texts: string[] = [];
  try {
    const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__'));
    const remaining = new Map<string, number>();
    for (const topic of topics)
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic))
        if (Number(high) > Number(low)) remaining.set(`${topic}/${partition}`, Number(high) - 1);
    if (remaining.size === 0) return { topics, texts };
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const key = `${batch.topic}/${batch.partition}`;
          for (const message of batch.messages) {
            texts.push(`${batch.topic} ${message.key?.toString() ?? ''} ${message.value?.toString() ?? ''}`);
            if (Number(message.offset) >= (remaining.get(key) ?? Infinity)) remaining.delete(key);
          }
          if (remaining.size === 0) resolve();
        },
      });
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`reading every topic took over ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    return { topics, texts };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
};

export const logLines = (files: string[]) => files.flatMap((file) => readFileSync(file, 'utf8').split('\n'));

/** The texts that hold any of the values: what a search of the stores finds. */
export const matchesOf = (texts: string[], values: string[]) =>
  texts.filter((text) => values.some((value) => text.includes(value))).map((text) => text.slice(0, 300));

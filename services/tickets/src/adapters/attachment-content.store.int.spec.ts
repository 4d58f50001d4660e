import { requireInfra } from '@helpdesk/testing';
import mongoose, { type Connection } from 'mongoose';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AttachmentContentStore,
  FileAttachmentContentStore,
  GridFsAttachmentContentStore,
  sha256,
} from './attachment-content.store';

const contract = (name: string, makeStore: () => AttachmentContentStore) =>
  describe(`${name} attachment content`, () => {
    it('returns the bytes it stored, by their SHA-256', async () => {
      const store = makeStore();
      const content = randomBytes(3 * 1024 * 1024 + 17); // several GridFS chunks, not a multiple
      const key = await store.put(content);
      expect(key).toBe(sha256(content));
      expect((await store.get(key))?.equals(content)).toBe(true);
    });

    it('stores the same content twice under one key', async () => {
      const store = makeStore();
      const content = Buffer.from('same file, uploaded again');
      expect(await store.put(content)).toBe(await store.put(content));
    });

    it('knows nothing of unknown or malformed keys', async () => {
      const store = makeStore();
      expect(await store.get(sha256(Buffer.from('never stored')))).toBeUndefined();
      expect(await store.get('../../etc/passwd')).toBeUndefined();
    });

    it('deletes what it stored, and deleting again or an unknown key is no error', async () => {
      const store = makeStore();
      const key = await store.put(randomBytes(300 * 1024));
      await store.delete(key);
      expect(await store.get(key)).toBeUndefined();
      await store.delete(key);
      await store.delete('../../etc/passwd');
    });
  });

let directory: string;
let connection: Connection;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'attachments-'));
  connection = await mongoose
    .createConnection(requireInfra('MONGO_URL'), { dbName: `attachments_${randomUUID().slice(0, 8)}` })
    .asPromise();
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
  await connection.dropDatabase();
  await connection.close();
});

contract('file system', () => new FileAttachmentContentStore(directory));
contract('GridFS', () => new GridFsAttachmentContentStore(connection));

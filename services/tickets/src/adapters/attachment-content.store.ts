import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Connection } from 'mongoose';

/**
 * Where attachment bytes live; the ticket's events keep only their metadata. Content is
 * addressed by its SHA-256, so storing the same file twice (a retried upload) is harmless.
 */
export const ATTACHMENT_CONTENT = Symbol('ATTACHMENT_CONTENT');

export interface AttachmentContentStore {
  /** Stores the bytes and returns their key (the hex SHA-256). */
  put(content: Buffer): Promise<string>;
  get(key: string): Promise<Buffer | undefined>;
  /** Deletes the bytes (a received mail of an erased sender); nothing to delete is no error. */
  delete(key: string): Promise<void>;
}

export const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

const KEY = /^[0-9a-f]{64}$/;

/** Standalone mode: files under the data folder, written atomically (temp file, then rename). */
export class FileAttachmentContentStore implements AttachmentContentStore {
  constructor(private readonly directory: string) {}

  async put(content: Buffer) {
    const key = sha256(content);
    await mkdir(this.directory, { recursive: true });
    const temporary = join(this.directory, `${key}.${process.pid}.${Date.now()}.tmp`);
    await writeFile(temporary, content);
    await rename(temporary, join(this.directory, key));
    return key;
  }

  async get(key: string) {
    if (!KEY.test(key)) return undefined;
    try {
      return await readFile(join(this.directory, key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string) {
    if (KEY.test(key)) await rm(join(this.directory, key), { force: true });
  }
}

/** Distributed mode: GridFS in the read store's MongoDB, shared by every replica. */
export class GridFsAttachmentContentStore implements AttachmentContentStore {
  constructor(private readonly connection: Connection) {}

  private bucket() {
    const { GridFSBucket } = this.connection.base.mongo;
    return new GridFSBucket(this.connection.db!, { bucketName: 'attachments' });
  }

  async put(content: Buffer) {
    const key = sha256(content);
    const bucket = this.bucket();
    if ((await bucket.find({ filename: key }).limit(1).toArray()).length > 0) return key;
    await new Promise<void>((resolve, reject) =>
      bucket
        .openUploadStream(key)
        .on('finish', () => resolve())
        .on('error', reject)
        .end(content),
    );
    return key;
  }

  async get(key: string) {
    if (!KEY.test(key)) return undefined;
    const bucket = this.bucket();
    if ((await bucket.find({ filename: key }).limit(1).toArray()).length === 0) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of bucket.openDownloadStreamByName(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async delete(key: string) {
    if (!KEY.test(key)) return;
    const bucket = this.bucket();
    for (const file of await bucket.find({ filename: key }).toArray()) await bucket.delete(file._id);
  }
}

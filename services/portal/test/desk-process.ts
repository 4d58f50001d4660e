// The standalone desk as `npm start` runs it (the bundle), on a free port with its own data folder.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorkspace, freePort, spawnService, type ServiceProcess } from '@helpdesk/testing';

export interface StandaloneDesk {
  url: string;
  dataDir: string;
  process: ServiceProcess;
  stop(): Promise<void>;
}

export const startStandaloneDesk = async (env: Record<string, string> = {}): Promise<StandaloneDesk> => {
  const startedAt = Date.now();
  buildWorkspace();
  const dataDir = await mkdtemp(join(tmpdir(), 'portal-desk-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const desk = spawnService('bundles/standalone.js', {
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...env,
  });
  await desk.answers('/health/started', url, 180_000);
  process.stdout.write(`[figure] portal e2e: desk built and started in ${Date.now() - startedAt} ms\n`);
  return {
    url,
    dataDir,
    process: desk,
    stop: async () => {
      desk.child.kill('SIGTERM');
      await desk.exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

/** The body of an .eml, quoted-printable undone (nodemailer folds long lines with soft breaks). */
export const decodeQuotedPrintable = (text: string) =>
  Buffer.from(
    text
      .replace(/\r\n/g, '\n')
      .replace(/=\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/** Every .eml in the desk's outbox addressed to `email`, decoded, oldest first. */
export const mailsTo = async (desk: StandaloneDesk, email: string) => {
  const dir = join(desk.dataDir, 'outbox');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith('.eml'));
  const mails = await Promise.all(
    files.map(async (file) => decodeQuotedPrintable(await readFile(join(dir, file), 'utf8'))),
  );
  return mails.filter((mail) => new RegExp(`^To:.*<?${email.replace(/[.+]/g, '\\$&')}>?`, 'mi').test(mail));
};

/** The sign-in link of the latest sign-in mail to `email`. */
export const signInLinkFor = async (desk: StandaloneDesk, email: string) => {
  const links = (await mailsTo(desk, email))
    .map((mail) => /https?:\/\/\S+\/portal\/sign-in\/link\?token=[\w-]+/.exec(mail)?.[0])
    .filter((link): link is string => Boolean(link));
  if (links.length === 0) throw new Error(`no sign-in mail to ${email} in the outbox`);
  return links[links.length - 1];
};

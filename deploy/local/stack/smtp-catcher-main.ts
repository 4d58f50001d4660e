// The local stack's mail server: a real SMTP server on 127.0.0.1 (the tests' catcher) that keeps
// every message it accepts as an .eml file.  node smtp-catcher-main.js <port> <folder>
import { startSmtpCatcher } from '../../../libs/test-infra/src/smtp-catcher';
import { keepMail } from './mailbox';

const [port, dir] = process.argv.slice(2);

const main = async () => {
  let sequence = 0;
  const catcher = await startSmtpCatcher({
    port: Number(port),
    onReceived: (mail) => keepMail(dir, ++sequence, mail),
  });
  process.stdout.write(
    `${JSON.stringify({ level: 30, time: Date.now(), msg: `smtp catcher listening on ${catcher.url}, keeping mail in ${dir}` })}\n`,
  );
  const stop = () => void catcher.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
};

main().catch((error) => {
  process.stderr.write(`smtp catcher cannot start: ${(error as Error).message}\n`);
  process.exit(1);
});

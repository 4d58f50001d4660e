import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';

/**
 * SIGTERM (or SIGINT) ends the process in order, within `graceMs`: the HTTP server stops
 * accepting and lets in-flight requests finish (at most half the grace); relays, consumers and
 * projections stop (in-flight work done, offsets committed, groups left,
 * checkpoints saved); then the stores and Kafka connections close and the process exits 0. What
 * is still running at the deadline is abandoned with exit 1: nothing acknowledged is lost, since
 * everything resumes from the store and committed offsets, as after kill -9.
 */
export const shutDownGracefully = (app: INestApplication, logger: LoggerService, graceMs: number) => {
  let shuttingDown = false;
  const shutDown = async (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const started = Date.now();
    logger.log(`${signal}: shutting down (grace ${graceMs} ms)`);
    setTimeout(() => {
      logger.error(`shutdown did not finish within ${graceMs} ms; exiting`);
      process.exit(1);
    }, graceMs).unref();
    await closeHttp(app.getHttpServer() as Server, graceMs / 2);
    try {
      await app.close();
    } catch (error) {
      logger.error(`shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
    logger.log(`shut down in ${Date.now() - started} ms`);
    process.exit(0);
  };
  // `on`, not `once`: a second signal during the shutdown must not kill it half-way.
  process.on('SIGTERM', (signal) => void shutDown(signal));
  process.on('SIGINT', (signal) => void shutDown(signal));
};

/**
 * Stops accepting and waits for in-flight requests to finish before anything they need closes.
 * Connections that turn idle (kept alive by their clients) are closed as they do; what is still
 * busy after `forceAfterMs` is cut.
 */
const closeHttp = async (server: Server, forceAfterMs: number) => {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  const force = setTimeout(() => server.closeAllConnections(), forceAfterMs);
  server.closeIdleConnections();
  await closed;
  clearInterval(sweep);
  clearTimeout(force);
};

import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';

/**
 * SIGTERM (or SIGINT) ends the process in order, within `graceMs`: the HTTP server stops
 * accepting and lets in-flight requests finish; readiness answers `shutting_down`; relays,
 * consumers and projections stop (in-flight work done, offsets committed, groups left,
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
    const server = app.getHttpServer() as Server;
    // Kept-alive connections of clients that send nothing more must not hold the server open.
    setTimeout(() => server.closeAllConnections(), graceMs / 2).unref();
    server.close();
    server.closeIdleConnections();
    try {
      await app.close();
    } catch (error) {
      logger.error(`shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
    logger.log(`shut down in ${Date.now() - started} ms`);
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutDown(signal));
  process.once('SIGINT', (signal) => void shutDown(signal));
};

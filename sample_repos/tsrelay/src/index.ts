/**
 * Process entry point.
 *
 * Loads configuration, assembles the app, starts the HTTP server and the
 * delivery worker, flushes the database periodically and shuts down on
 * SIGTERM/SIGINT.
 */
import { getConfig } from '@config';
import { logger } from '@utils/logger';
import { createApp } from './app';

const FLUSH_INTERVAL_MS = 5_000;

function main(): void {
  const config = getConfig();
  logger.setLevel(config.logLevel);

  const app = createApp(config);
  const { host, port } = config.server;

  app.server.listen(port, host, () => {
    logger.info('tsrelay listening', { host, port });
  });
  app.worker.start();

  const flushTimer = setInterval(() => {
    try {
      app.db.flush();
    } catch (err) {
      logger.error('database flush failed', { err });
    }
  }, FLUSH_INTERVAL_MS);

  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info('shutting down', { signal });
    app.worker.stop();
    clearInterval(flushTimer);
    app.server.close(() => {
      app.db.flush();
      logger.info('shutdown complete');
      process.exit(0);
    });
  };

  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

try {
  main();
} catch (err) {
  logger.error('fatal startup error', { err });
  process.exit(1);
}

// Jest global teardown of the integration project: stops the containers the setup started.
import { startedContainers } from './global-setup';

export default async function stopTestContainers(): Promise<void> {
  await Promise.all(
    startedContainers()
      .splice(0)
      .map(({ container }) => container.stop()),
  );
}

// Jest global setup of the integration project: finds each test server (a setting already made,
// else a testcontainers container where a Docker engine answers) and says which path ran.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { infraEnvFile, readEnvFile } from '../infra';
import { askDocker, startContainer, type StartedServer } from './containers';
import {
  describeSelection,
  dockerEngineHint,
  needsDocker,
  selectServers,
  testServers,
} from './server-selection';

/** The containers this run started, for the teardown: jest shares globals only between the two. */
export const startedContainers = (): StartedServer[] =>
  ((globalThis as { helpdeskTestContainers?: StartedServer[] }).helpdeskTestContainers ??= []);

export default async function findTestServers(): Promise<void> {
  const settings = { environment: process.env, infraEnv: readEnvFile(infraEnvFile) };
  let docker: Awaited<ReturnType<typeof askDocker>> = {
    answers: false,
    why: 'no Docker engine on this machine',
  };
  if (needsDocker(settings)) {
    const hint = dockerEngineHint({ environment: process.env, socketExists: existsSync, home: homedir() });
    if (hint) docker = await askDocker();
    else docker = { answers: false, why: 'no Docker engine here (no DOCKER_HOST, no Docker socket)' };
  }
  const sources = selectServers({ ...settings, docker });
  for (const source of sources) {
    if (source.path !== 'testcontainers') continue;
    const started = await startContainer(source.server);
    startedContainers().push(started);
    // Set here, before jest starts its workers: they inherit it, and set variables win over .infra/env.
    process.env[testServers[source.server]] = started.value;
  }
  process.stderr.write(`\n${describeSelection(sources)}\n`);
}

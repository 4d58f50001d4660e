import { ConfigError } from '../config/config';
import { loadTracingSettings } from './tracing.settings';

const enabled = (env: NodeJS.ProcessEnv) => loadTracingSettings(env).enabled;

describe('tracing settings', () => {
  it('are off by default and with OTEL_TRACES_EXPORTER=none', () => {
    expect(enabled({})).toBe(false);
    expect(enabled({ OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
  });

  it('are on with an exporter or an OTLP endpoint, unless OTEL_SDK_DISABLED=true', () => {
    expect(enabled({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
    expect(enabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(enabled({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector/v1/traces' })).toBe(true);
    expect(enabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(
      false,
    );
  });

  it('name every wrong value', () => {
    let problems: string[] = [];
    try {
      loadTracingSettings({
        OTEL_SDK_DISABLED: 'yes',
        OTEL_TRACES_EXPORTER: 'otlp,jaeger',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'udp',
      });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toHaveLength(4);
    for (const name of [
      'OTEL_SDK_DISABLED',
      'OTEL_TRACES_EXPORTER',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_EXPORTER_OTLP_PROTOCOL',
    ])
      expect(problems.some((problem) => problem.startsWith(`${name}=`))).toBe(true);
  });
});

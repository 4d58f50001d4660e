import { loadConfig, parse } from '../config/config';

/** The span exporters the OpenTelemetry Node SDK builds from OTEL_TRACES_EXPORTER. */
const EXPORTERS = ['otlp', 'console', 'zipkin', 'none'] as const;
const OTLP_PROTOCOLS = ['grpc', 'http/protobuf', 'http/json'] as const;

export interface TracingSettings {
  /** Whether this process starts the SDK at all: off unless an exporter is configured. */
  enabled: boolean;
}

const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (raw: string): T => {
    if (!allowed.includes(raw as T)) throw new Error(`expected one of ${allowed.join(', ')}`);
    return raw as T;
  };

const exporters = (raw: string) => {
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !EXPORTERS.includes(name as (typeof EXPORTERS)[number]));
  if (unknown.length > 0) throw new Error(`expected a list of ${EXPORTERS.join(', ')}`);
  return names;
};

const optional =
  <T>(parser: (raw: string) => T) =>
  (raw: string) =>
    raw === '' ? undefined : parser(raw);

/**
 * The standard OTEL_* variables this desk reads itself (the SDK reads the rest, e.g. the
 * OTLP headers and the sampler), checked at start like every other setting. Tracing is off
 * by default: on only with OTEL_TRACES_EXPORTER naming an exporter other than `none`, or an
 * OTLP endpoint, and never with OTEL_SDK_DISABLED=true. Off, the SDK is not even loaded.
 */
export const loadTracingSettings = (env: NodeJS.ProcessEnv = process.env): TracingSettings => {
  const config = loadConfig(
    {
      OTEL_SDK_DISABLED: {
        description: '`true` turns tracing off whatever else is set',
        default: 'false',
        parse: oneOf(['true', 'false']),
      },
      OTEL_TRACES_EXPORTER: {
        description: `span exporters, comma separated: ${EXPORTERS.join(', ')}; unset: otlp when an OTLP endpoint is set, else none`,
        default: '',
        parse: optional(exporters),
      },
      OTEL_EXPORTER_OTLP_ENDPOINT: {
        description: 'the OTLP collector (traces go to <endpoint>/v1/traces over HTTP)',
        default: '',
        parse: optional(parse.url('http', 'https')),
      },
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: {
        description: 'the OTLP traces endpoint itself (instead of OTEL_EXPORTER_OTLP_ENDPOINT)',
        default: '',
        parse: optional(parse.url('http', 'https')),
      },
      OTEL_EXPORTER_OTLP_PROTOCOL: {
        description: `the OTLP transport: ${OTLP_PROTOCOLS.join(', ')}`,
        default: 'http/protobuf',
        parse: oneOf(OTLP_PROTOCOLS),
      },
      OTEL_SERVICE_NAME: {
        description: "the service's name on its spans (default: the service, e.g. tickets)",
        default: '',
        parse: parse.string,
      },
    },
    env,
  );
  const endpoint = config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? config.OTEL_EXPORTER_OTLP_ENDPOINT;
  const named = config.OTEL_TRACES_EXPORTER ?? (endpoint ? ['otlp'] : ['none']);
  return {
    enabled: config.OTEL_SDK_DISABLED !== 'true' && named.some((name) => name !== 'none'),
  };
};
